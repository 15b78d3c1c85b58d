package dev.esem.sample;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import dev.esem.sample.cart.Cart;
import dev.esem.sample.imports.Importer;
import dev.esem.sample.pricing.Pricing;
import dev.esem.sample.pricing.Quote;
import dev.esem.sample.pricing.QuoteRequest;
import dev.esem.sample.python.Forecast;
import dev.esem.sample.python.Jobs;
import dev.esem.sample.python.Stats;
import dev.esem.sample.report.Reports;
import dev.esem.sample.segments.SegmentModel;
import dev.esem.spring.aot.PythonInterfaceHints;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The native-image hints of the sample: those of the interfaces the esem Maven plugin
 * generates, and the reachability metadata that the build's {@code process-aot} wrote.
 */
class NativeHintsTest {

	private static final String METADATA = "META-INF/native-image/dev.esem/sample-app/reachability-metadata.json";

	@Test
	void generatedInterfacesShouldGetProxyAndBindingHints() {
		RuntimeHints hints = new RuntimeHints();
		PythonInterfaceHints.register(hints, Stats.RunningStats.class, Forecast.class, Jobs.class);
		assertThat(RuntimeHintsPredicates.proxies().forInterfaces(Stats.RunningStats.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.proxies().forInterfaces(Forecast.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.proxies().forInterfaces(Jobs.class)).accepts(hints);
		// a generator object and a class instance, both returned by module functions
		assertThat(RuntimeHintsPredicates.proxies().forInterfaces(Jobs.AccumulateGenerator.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.proxies().forInterfaces(Jobs.Worker.class)).accepts(hints);
		// a record whose component has its own Python name, and an enum
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Jobs.Job.class, "jobId")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(Jobs.Priority.class)).accepts(hints);
		// a TypedDict result, and the record inside a CompletableFuture
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Stats.Summary.class, "stddev")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Forecast.DailyForecast.class, "daily"))
			.accepts(hints);
	}

	@Test
	void theProcessedBuildShouldHoldAProxyForEveryPythonInterface() throws Exception {
		JsonNode metadata = metadata();
		List<String> proxies = new ArrayList<>();
		for (JsonNode entry : metadata.get("reflection")) {
			if (entry.get("type").has("proxy")) {
				proxies.add(entry.get("type").get("proxy").toString());
			}
		}
		assertThat(proxies).contains(proxy(Pricing.class), proxy(Cart.class), proxy(SegmentModel.class),
				proxy(Reports.class), proxy(Importer.class), proxy(Stats.RunningStats.class), proxy(Forecast.class),
				proxy(Jobs.class), proxy(Jobs.Worker.class), proxy(Jobs.AccumulateGenerator.class));
	}

	@Test
	void theProcessedBuildShouldHoldThePythonSourcesTheWorkerArchiveAndTheRecords() throws Exception {
		JsonNode metadata = metadata();
		List<String> globs = new ArrayList<>();
		metadata.get("resources").forEach(resource -> globs.add(resource.path("glob").asString()));
		assertThat(globs).contains("python/**", "dev/esem/worker/esem_worker.zip");
		List<String> types = new ArrayList<>();
		for (JsonNode entry : metadata.get("reflection")) {
			if (entry.get("type").isString()) {
				types.add(entry.get("type").asString());
			}
		}
		assertThat(types).contains(Stats.Summary.class.getName(), Forecast.DailyForecast.class.getName(),
				SegmentModel.Assignment.class.getName(), Reports.DailySales.class.getName(), "dev.esem.NDArray");
	}

	@Test
	void anInterfaceBoundByHandGetsItsHintsFromTheApplicationsRegistrar() {
		RuntimeHints hints = new RuntimeHints();
		new QuotesHints().registerHints(hints, getClass().getClassLoader());
		assertThat(RuntimeHintsPredicates.proxies().forInterfaces(Quotes.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(QuoteRequest.class, "tier")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Quote.class, "total")).accepts(hints);
	}

	/** {@code pricing.py} seen through an interface that the starter does not scan. */
	interface Quotes {

		Quote quote(QuoteRequest request);

	}

	// tag::runtime-hints[]
	/** Hints for an interface the application binds itself ({@code python.module("pricing.py").bind(Quotes.class)}). */
	static class QuotesHints implements RuntimeHintsRegistrar {

		@Override
		public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
			PythonInterfaceHints.register(hints, Quotes.class);
		}

	}
	// end::runtime-hints[]

	private static String proxy(Class<?> type) {
		return "[\"" + type.getName() + "\"]";
	}

	private JsonNode metadata() throws Exception {
		try (InputStream in = getClass().getClassLoader().getResourceAsStream(METADATA)) {
			assertThat(in).as(METADATA + " (written by spring-boot:process-aot)").isNotNull();
			return JsonMapper.builder().build().readTree(in);
		}
	}

}
