package dev.esem.sample.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.stream.Stream;

import dev.esem.PythonTimeoutException;
import dev.esem.PythonWorkerException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

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

	private static final Log logger = LogFactory.getLog(ReportController.class);

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
			}
			catch (RuntimeException ex) {
				// the response is under way (200, text/event-stream): say so in the stream,
				// rather than completeWithError, which no error handler can answer as an event
				sendError(events, ex);
			}
			events.complete();
		});
		return events;
	}
	// end::report-endpoint[]

	// tag::report-error-event[]
	/** Ends a failing stream with an {@code error} event that tells the client what went wrong. */
	private static void sendError(SseEmitter events, RuntimeException ex) {
		logger.warn("The report stream failed", ex);
		String error = (ex instanceof PythonTimeoutException) ? "timeout"
				: (ex instanceof PythonWorkerException) ? "unavailable" : "failed";
		try {
			events.send(SseEmitter.event()
				.name("error")
				.data(Map.of("error", error, "detail", "The report could not be completed."), MediaType.APPLICATION_JSON));
		}
		catch (IOException | IllegalStateException gone) {
			// the client went away: nobody is left to tell
		}
	}
	// end::report-error-event[]

	private static void send(SseEmitter events, Reports.DailySales row) {
		try {
			events.send(SseEmitter.event().name("row").data(row, MediaType.APPLICATION_JSON));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
