package dev.esem.sample.report;

import java.util.stream.Stream;

import dev.esem.annotation.PythonModule;
import dev.esem.annotation.PythonName;

// tag::reports-interface[]
/** {@code report.py}: a Python generator, streamed to Java row by row. */
@PythonModule("report.py")
public interface Reports {

	/** Rows arrive as Python yields them; close the stream to stop the generator early. */
	@PythonName("daily_sales")
	Stream<DailySales> dailySales(String sku, int days, double delay);

	record DailySales(int day, String sku, int units) {
	}

}
// end::reports-interface[]
