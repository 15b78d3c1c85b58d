package dev.esem.sample;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.esem.PythonFactory;
import dev.esem.sample.cart.Cart;
import dev.esem.sample.cart.CartStore;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What operations see: health groups, the esem endpoint, metrics, and recovery after a worker dies. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class ActuatorTest {

	private static final Duration SOON = Duration.ofSeconds(20);

	@Autowired
	RestTestClient http;

	@Autowired
	CartStore carts;

	@Autowired
	PythonFactory<Cart> cartFactory;

	private JsonNode get(String path) {
		String body = this.http.get().uri(path).exchange().expectStatus().isOk().expectBody(String.class)
			.returnResult()
			.getResponseBody();
		return JsonMapper.shared().readTree(body);
	}

	private int status(String path) {
		return this.http.get().uri(path).exchange().returnResult().getStatus().value();
	}

	@Test
	void healthIsUpWithAnEsemComponentPerWorker() {
		JsonNode health = get("/actuator/health");
		assertThat(health.get("status").asString()).isEqualTo("UP");
		JsonNode esem = health.get("components").get("esem");
		assertThat(esem.get("status").asString()).isEqualTo("UP");
		JsonNode workers = esem.get("details").get("workers");
		assertThat(workers.propertyNames()).containsExactly("1", "2");
		assertThat(workers.get("1").get("state").asString()).isEqualTo("READY");
		assertThat(workers.get("2").get("pid").asLong()).isPositive();
		assertThat(health.toString()).doesNotContain("Traceback", "ESEM_PYTHON");
	}

	@Test
	void esemBelongsToTheReadinessGroupAndNotToLiveness() {
		JsonNode readiness = get("/actuator/health/readiness");
		assertThat(readiness.get("status").asString()).isEqualTo("UP");
		assertThat(readiness.get("components").propertyNames()).contains("esem", "readinessState");
		JsonNode liveness = get("/actuator/health/liveness");
		assertThat(liveness.get("status").asString()).isEqualTo("UP");
		assertThat(liveness.path("components").propertyNames()).doesNotContain("esem");
	}

	@Test
	void theEsemEndpointShowsWorkersRegistryLeaksAndCalls() {
		this.http.get().uri("/api/price?sku=tea").exchange().expectStatus().isOk();
		int registryBefore = get("/actuator/esem/registry").get("size").asInt();
		String cart = this.carts.create("silver");
		try {
			JsonNode esem = get("/actuator/esem");
			assertThat(esem.get("workers")).hasSize(2);
			assertThat(esem.get("workers").get(0).get("state").asString()).isEqualTo("READY");
			assertThat(esem.get("workers").get(0).get("pid").asLong()).isPositive();
			assertThat(esem.get("workers").valueStream().map((worker) -> worker.get("replicas").asInt()))
				.as("the segments model's replica in each worker")
				.containsExactly(1, 1);
			assertThat(esem.get("registry").get("size").asInt()).as("the registry with the cart")
				.isEqualTo(registryBefore + 1);
			assertThat(esem.get("leaks").get("instances").isArray()).isTrue();
			assertThat(esem.get("calls").valueStream()
				.filter((call) -> call.get("module").asString().equals("pricing"))
				.map((call) -> call.get("target").asString())).contains("price");
		}
		finally {
			this.carts.delete(cart);
		}
		assertThat(get("/actuator/esem/workers")).hasSize(2);
		await().atMost(SOON)
			.untilAsserted(() -> assertThat(get("/actuator/esem/registry").get("size").asInt())
				.as("the registry once the cart is deleted")
				.isEqualTo(registryBefore));
		assertThat(get("/actuator/esem/calls").isArray()).isTrue();
	}

	@Test
	void aPythonObjectDroppedWithoutReleaseIsCountedAsALeak() {
		long before = get("/actuator/esem/leaks").get("count").asLong();
		dropACartWithoutReleasingIt();
		await().atMost(SOON).pollInterval(Duration.ofMillis(200)).until(() -> {
			System.gc();
			return get("/actuator/esem/leaks").get("count").asLong() > before;
		});
		JsonNode esem = get("/actuator/esem");
		assertThat(esem.get("leaks").get("count").asLong()).isGreaterThan(before);
		assertThat(esem.get("leaks").get("instances").valueStream().map((leak) -> leak.get("pythonClass").asString()))
			.contains("Cart");
	}

	private void dropACartWithoutReleasingIt() {
		this.cartFactory.create("regular").add("tea", 1);
	}

	@Test
	void callsAreTimedInMicrometerAndExportedToPrometheus() {
		this.http.get().uri("/api/price?sku=banana&quantity=3").exchange().expectStatus().isOk();
		JsonNode calls = get("/actuator/metrics/esem.calls?tag=module:pricing&tag=target:price&tag=outcome:success");
		assertThat(calls.get("measurements").get(0).get("value").asDouble()).isPositive();
		String prometheus = this.http.get()
			.uri("/actuator/prometheus")
			.accept(MediaType.TEXT_PLAIN)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(prometheus).contains("esem_calls_seconds_count{", "esem_registry_size", "esem_calls_active");
	}

	@Test
	void infoDescribesTheApplication() {
		assertThat(get("/actuator/info").get("app").get("name").asString()).isEqualTo("esem sample");
	}

	@Test
	void whenWorkersDieTheirCartsAreLostAndThePoolHeals() {
		String cart = this.carts.create("regular");
		this.http.post()
			.uri("/api/carts/{id}/items", cart)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("sku", "apple", "quantity", 2))
			.exchange()
			.expectStatus()
			.isOk();
		List<Long> pids = get("/actuator/esem/workers").valueStream().map((worker) -> worker.get("pid").asLong())
			.toList();
		pids.forEach((pid) -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));

		await().atMost(SOON)
			.untilAsserted(() -> this.http.get()
				.uri("/api/carts/{id}", cart)
				.exchange()
				.expectStatus()
				.isEqualTo(410)
				.expectBody()
				.jsonPath("$.title")
				.isEqualTo("Cart lost"));
		this.http.get().uri("/api/carts/{id}", cart).exchange().expectStatus().isNotFound();

		await().atMost(SOON).until(() -> status("/actuator/health/readiness") == 200);
		assertThat(status("/actuator/health/liveness")).isEqualTo(200);
		JsonNode workers = get("/actuator/esem/workers");
		assertThat(workers.valueStream().map((worker) -> worker.get("pid").asLong())).doesNotContainAnyElementsOf(pids);
		assertThat(workers.valueStream().mapToInt((worker) -> worker.get("restarts").asInt()).sum())
			.isGreaterThanOrEqualTo(2);
		this.http.get().uri("/api/price?sku=apple").exchange().expectStatus().isOk();
		assertThat(workers.valueStream().map((worker) -> worker.get("replicas").asInt()))
			.as("the new workers built the segments model's replicas before they became ready")
			.containsExactly(1, 1);
		this.http.get().uri("/api/segments/one?spend=80&visits=4").exchange().expectStatus().isOk();
	}

	@Test
	void batchesOfTheSegmentsModelAreMetered() {
		this.http.get().uri("/api/segments/one?spend=12&visits=1").exchange().expectStatus().isOk();
		JsonNode sizes = get("/actuator/metrics/esem.batch.size?tag=module:segments&tag=target:SegmentModel.segment_each");
		assertThat(sizes.get("measurements").get(0).get("value").asDouble()).isPositive();
		JsonNode waits = get("/actuator/metrics/esem.batch.queue.wait?tag=module:segments");
		assertThat(waits.get("measurements").get(0).get("value").asDouble()).isPositive();
	}

}
