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

	@Test
	void awaitingCallsOverlapOnOneWorker() {
		try (PythonBridge python = Examples.bridge().workers(1).build()) {
			// tag::async-overlap[]
			PyModule forecast = python.module("forecast.py");
			List<CompletableFuture<Object>> calls = new ArrayList<>();
			for (String sku : List.of("apple", "banana", "coffee", "tea")) {
				calls.add(forecast.callAsync("forecast", sku, 7)); // each awaits simulated services
			}
			calls.forEach(call -> assertThat(call.join()).isNotNull()); // they waited at the same time
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
