package dev.esem.sample.sales;

import java.time.LocalDate;
import java.util.List;

import dev.esem.Table;

// tag::sales-interface[]
/**
 * The functions of {@code sales.py}, which uses pandas: bound at the first request (not
 * with {@code @PythonModule}), so that an interpreter without pandas costs this endpoint
 * alone and not the application's start.
 */
public interface SalesReport {

	/** {@code report(orders)}: the Table arrives as a DataFrame, the DataFrame it returns comes back as records. */
	List<RegionTotal> report(Table orders);

	/** One order, as the client sends it. */
	record Order(String region, String product, int units, double price, LocalDate day) {
	}

	/** The totals of a region: a row of the DataFrame that {@code report} returns. */
	record RegionTotal(String region, long orders, long units, double revenue, double averagePrice) {
	}

}
// end::sales-interface[]
