package dev.esem.sample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.esem.PyModule;
import dev.esem.PythonBridge;
import dev.esem.PythonTimeoutException;
import dev.esem.annotation.PythonName;
import dev.esem.annotation.PythonTimeout;
import dev.esem.sample.report.Reports;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The examples of docs/streams-and-async.md, run against real workers. */
class StreamsExamplesTest {

	// tag::timeout-annotation[]
	interface SlowReports {

		@PythonTimeout("500ms")
		@dev.esem.annotation.PythonName("daily_sales")
		Stream<Reports.DailySales> dailySales(String sku, int days, double delay);

	}
	// end::timeout-annotation[]

	@Test
	void aGeneratorStreamsLazilyAndClosingItStopsPython() {
		try (PythonBridge python = Examples.bridge().build()) {
			// tag::stream-dynamic[]
			PyModule report = python.module("report.py");
			try (Stream<Object> rows = report.stream("daily_sales", "tea", 365, 0.001)) {
				List<Object> firstWeek = rows.limit(7).collect(Collectors.toList());
				assertThat(firstWeek).hasSize(7);
			} // the generator is closed here: Python computes no more rows
			// end::stream-dynamic[]
		}
	}

	@Test
	void aTypedStreamConvertsEachRow() {
		try (PythonBridge python = Examples.bridge().build()) {
			// tag::stream-typed[]
			Reports reports = python.module("report.py").bind(Reports.class);
			try (Stream<Reports.DailySales> rows = reports.dailySales("apple", 3, 0.01)) {
				assertThat(rows.mapToInt(Reports.DailySales::units).sum()).isPositive();
			}
			// end::stream-typed[]
		}
	}

	// tag::async-overlap-interface[]
	interface Services {

		@PythonName("call_service")
		CompletableFuture<Span> callService(double seconds);

		/** When a call started and ended, in seconds of the worker's clock. */
		record Span(double started, double ended) {
		}

	}
	// end::async-overlap-interface[]

	@Test
	void awaitingCallsOverlapOnOneWorker() {
		try (PythonBridge python = Examples.bridge().workers(1).build()) {
			// tag::async-overlap[]
			Services services = python.module("services.py").bind(Services.class);
			List<CompletableFuture<Services.Span>> calls = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				calls.add(services.callService(0.5)); // each awaits half a second
			}
			List<Services.Span> spans = calls.stream().map(CompletableFuture::join).toList();
			// by the worker's own clock, every call started before the first one ended
			double lastStart = spans.stream().mapToDouble(Services.Span::started).max().orElseThrow();
			double firstEnd = spans.stream().mapToDouble(Services.Span::ended).min().orElseThrow();
			assertThat(lastStart).isLessThan(firstEnd);
			// end::async-overlap[]
		}
	}

	@Test
	void perCallTimeouts() {
		try (PythonBridge python = Examples.bridge().build()) {
			// tag::per-call-timeout[]
			PyModule report = python.module("report.py");
			PyModule quick = report.withTimeout(Duration.ofMillis(300));
			assertThatThrownBy(() -> quick.stream("daily_sales", "tea", 3, 1.0).toList())
				.isInstanceOf(PythonTimeoutException.class);
			SlowReports typed = report.bind(SlowReports.class);
			assertThat(typed.dailySales("tea", 2, 0.01)).hasSize(2);
			// end::per-call-timeout[]
		}
	}

}
