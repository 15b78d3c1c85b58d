package dev.esem.sample.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.stream.Stream;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Server-Sent Events of a Python generator: each row is sent as soon as Python yields it. */
@RestController
class ReportController {

	private final Reports reports;

	private final TaskExecutor executor;

	ReportController(Reports reports, @Qualifier("applicationTaskExecutor") TaskExecutor executor) {
		this.reports = reports;
		this.executor = executor;
	}

	// tag::report-endpoint[]
	@GetMapping(path = "/api/report", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter report(@RequestParam String sku, @RequestParam(defaultValue = "7") int days,
			@RequestParam(defaultValue = "0.2") double delay) {
		SseEmitter events = new SseEmitter(60_000L);
		this.executor.execute(() -> {
			// closing the stream (also when the client went away) closes the Python generator
			try (Stream<Reports.DailySales> rows = this.reports.dailySales(sku, days, delay)) {
				rows.forEach(row -> send(events, row));
				events.complete();
			}
			catch (RuntimeException ex) {
				events.completeWithError(ex);
			}
		});
		return events;
	}
	// end::report-endpoint[]

	private static void send(SseEmitter events, Reports.DailySales row) {
		try {
			events.send(SseEmitter.event().name("row").data(row, MediaType.APPLICATION_JSON));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
