package dev.esem.sample.imports;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** An import whose Python loop reports its progress to a Java callback, shown as a Micrometer gauge. */
@RestController
class ImportController {

	private final Importer importer;

	/** Rows done by the running import, in thousandths of its total. */
	private final AtomicLong permille = new AtomicLong();

	ImportController(Importer importer, MeterRegistry meters) {
		this.importer = importer;
		Gauge.builder("sample.import.progress", this.permille, value -> value.get() / 1000.0)
			.description("Share of the rows of the running import done so far")
			.register(meters);
	}

	// tag::import-endpoint[]
	@PostMapping("/api/import")
	Importer.ImportResult importRows(@RequestBody List<Map<String, Object>> rows) {
		// Python calls this lambda every 100 rows; it runs on an esem thread
		return this.importer.importRows(rows, (done, total) -> this.permille.set(1000L * done / total));
	}
	// end::import-endpoint[]

}
