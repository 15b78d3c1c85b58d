package dev.esem.spring.app;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.DocumentContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.esem.spring.observation.EsemCallObservations;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "esem.python=${esem.test.python:python3}",
				"management.endpoints.web.exposure.include=health,esem,metrics",
				"management.endpoint.health.show-details=always", "management.endpoint.health.probes.enabled=true",
				"management.endpoint.health.group.readiness.include=readinessState,esem" })
class EsemApplicationTests {

	@Autowired
	private Pricing pricing;

	@Autowired
	private CalculatorService calculators;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private ObjectProvider<EsemCallObservations> callObservations;

	@LocalServerPort
	private int port;

	private Http http;

	@BeforeEach
	void http() {
		this.http = new Http(this.port);
	}

	@Test
	void aPythonModuleInterfaceShouldBeInjectedAndCallable() {
		assertThat(this.pricing.quote(100)).isEqualTo(120.0);
		assertThat(this.pricing.total(List.of(1, 2, 3))).isEqualTo(6);
	}

	@Test
	void aPythonFactoryShouldBeInjectedByConstructor() {
		assertThat(this.calculators.sum(1, 2, 3)).isEqualTo(6);
	}

	@Test
	void theEsemEndpointShouldDescribeWorkersRegistryLeaksAndCalls() {
		this.pricing.quote(10);
		try (Calculator calculator = this.calculators.open(5)) {
			calculator.add(1);
			DocumentContext esem = this.http.json("/actuator/esem");
			assertThat(esem.read("$.workers.length()", Integer.class)).isEqualTo(1);
			assertThat(esem.read("$.workers[0].id", Integer.class)).isEqualTo(1);
			assertThat(esem.read("$.workers[0].pid", Long.class)).isPositive();
			assertThat(esem.read("$.workers[0].state", String.class)).isEqualTo("READY");
			assertThat(esem.read("$.workers[0].uptime", String.class)).startsWith("PT");
			assertThat(esem.read("$.workers[0].restarts", Integer.class)).isZero();
			assertThat(esem.read("$.workers[0].inFlight", Integer.class)).isZero();
			assertThat(esem.read("$.workers[0].registrySize", Integer.class)).isGreaterThanOrEqualTo(1);
			assertThat(esem.read("$.registry.size", Integer.class)).isGreaterThanOrEqualTo(1);
			assertThat(esem.read("$.leaks.count", Long.class)).isNotNull();
			assertThat(esem.read("$.leaks.instances", List.class)).isNotNull();
			List<Map<String, Object>> quotes = esem.read("$.calls[?(@.module == 'pricing' && @.target == 'quote')]");
			assertThat(quotes).singleElement().satisfies((calls) -> {
				assertThat(((Number) calls.get("count")).longValue()).isPositive();
				assertThat(calls).containsKeys("failures", "meanMillis", "maxMillis");
			});
			List<Map<String, Object>> adds = esem.read("$.calls[?(@.target == 'Calculator.add')]");
			assertThat(adds).hasSize(1);
		}
	}

	@Test
	void eachEndpointSectionShouldBeReadableAlone() {
		DocumentContext workers = this.http.json("/actuator/esem/workers");
		assertThat(workers.read("$.length()", Integer.class)).isEqualTo(1);
		assertThat(workers.read("$[0].state", String.class)).isEqualTo("READY");
		int registryBefore = registrySize();
		try (Calculator calculator = this.calculators.open(5)) {
			assertThat(registrySize()).as("the registry with one more calculator").isEqualTo(registryBefore + 1);
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> registrySize() == registryBefore);
		long leaksBefore = leakCount();
		this.calculators.open(7).add(1); // dropped without close(): a leak once the GC collects it
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
			System.gc();
			return leakCount() > leaksBefore;
		});
		assertThat(this.http.json("/actuator/esem/calls").read("$", List.class)).isNotNull();
		assertThat(this.http.get("/actuator/esem/nothing").statusCode()).isEqualTo(404);
	}

	private int registrySize() {
		return this.http.json("/actuator/esem/registry").read("$.size", Integer.class);
	}

	private long leakCount() {
		return this.http.json("/actuator/esem/leaks").read("$.count", Long.class);
	}

	@Test
	void healthShouldShowTheEsemComponentUpWithoutSecrets() {
		DocumentContext health = this.http.json("/actuator/health");
		assertThat(health.read("$.status", String.class)).isEqualTo("UP");
		assertThat(health.read("$.components.esem.status", String.class)).isEqualTo("UP");
		Map<String, Object> worker = health.read("$.components.esem.details.workers.1");
		assertThat(worker).containsOnlyKeys("state", "pid", "restarts", "replicas").containsEntry("state", "READY");
	}

	@Test
	void theReadinessGroupShouldIncludeEsem() {
		DocumentContext readiness = this.http.json("/actuator/health/readiness");
		assertThat(readiness.read("$.status", String.class)).isEqualTo("UP");
		assertThat(readiness.read("$.components.esem.status", String.class)).isEqualTo("UP");
		assertThat(this.http.json("/actuator/health/liveness").read("$", Map.class)).doesNotContainKey("components");
	}

	@Test
	void theCallTimerShouldBeExposedAsAMetric() {
		this.pricing.quote(1);
		DocumentContext calls = this.http.json("/actuator/metrics/esem.calls");
		assertThat(calls.read("$.name", String.class)).isEqualTo("esem.calls");
		List<Double> counts = calls.read("$.measurements[?(@.statistic == 'COUNT')].value");
		assertThat(counts).singleElement().satisfies((count) -> assertThat(count).isPositive());
		List<String> tags = calls.read("$.availableTags[*].tag");
		assertThat(tags).contains("module", "target", "outcome");
		DocumentContext success = this.http.json("/actuator/metrics/esem.calls?tag=module:pricing&tag=outcome:success");
		assertThat(success.read("$.measurements[0].value", Double.class)).isPositive();
		assertThat(this.http.json("/actuator/metrics/esem.calls.active").read("$.name", String.class))
			.isEqualTo("esem.calls.active");
		assertThat(this.http.json("/actuator/metrics/esem.registry.size").read("$.name", String.class))
			.isEqualTo("esem.registry.size");
	}

	@Test
	void callsShouldBeObservedThroughTheApplicationsRegistryAndTimedOnceAsEsemCalls() {
		assertThat(this.callObservations.getIfAvailable()).isNotNull();
		double before = countOfQuotes();
		this.pricing.quote(2);
		assertThat(countOfQuotes()).isEqualTo(before + 1);
		assertThat(this.meters.find("esem.call").meters()).isEmpty();
	}

	private double countOfQuotes() {
		var timer = this.meters.find("esem.calls").tags("module", "pricing", "target", "quote", "outcome", "success").timer();
		return (timer != null) ? timer.count() : 0;
	}

}
