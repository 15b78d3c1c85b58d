package dev.esem.sample;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.esem.sample.cart.CartStore;
import dev.esem.sample.cart.CartSummary;
import dev.esem.sample.pricing.Quote;
import dev.esem.sample.pricing.QuoteRequest;
import dev.esem.sample.python.Forecast.DailyForecast;
import dev.esem.sample.python.Stats;
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

/** Every REST endpoint of the sample, over real HTTP, against real Python workers. */
// tag::spring-test[]
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class SampleApiTest {

	@Autowired
	RestTestClient http;

	@Test
	void aQuoteRecordGoesToPythonAndComesBackPriced() {
		Quote quote = this.http.post()
			.uri("/api/quote")
			.contentType(MediaType.APPLICATION_JSON)
			.body(new QuoteRequest("apple", 12, "gold"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Quote.class)
			.returnResult()
			.getResponseBody();
		assertThat(quote.sku()).isEqualTo("apple");
		assertThat(quote.quantity()).isEqualTo(12);
		assertThat(quote.unitPrice()).isEqualByComparingTo("0.50");
		assertThat(quote.discount()).isEqualByComparingTo("0.15");
		assertThat(quote.total()).isEqualByComparingTo("5.10");
	}
	// end::spring-test[]

	@Test
	void aPriceIsComputedFromQueryParametersWithTheTierPassedByKeyword() {
		this.http.get()
			.uri("/api/price?sku=coffee&quantity=2&tier=silver")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.sku")
			.isEqualTo("coffee")
			.jsonPath("$.total")
			.isEqualTo(15.01);
	}

	@Test
	void aValueErrorInPythonIsA400ProblemDetailWithoutTraceback() {
		String body = this.http.get()
			.uri("/api/price?sku=caviar")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		JsonNode problem = JsonMapper.shared().readTree(body);
		assertThat(problem.get("status").asInt()).isEqualTo(400);
		assertThat(problem.get("title").asString()).isEqualTo("Invalid request");
		assertThat(problem.get("detail").asString())
			.isEqualTo("unknown sku 'caviar'; try one of apple, banana, coffee, tea");
		assertThat(problem.get("instance").asString()).isEqualTo("/api/price");
		assertThat(body).doesNotContain("Traceback", "pricing.py", "File \"", "ValueError");
	}

	@Test
	void anInvalidQuoteBodyIsA400ProblemDetail() {
		this.http.post()
			.uri("/api/quote")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("sku", "apple", "quantity", 0))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("quantity must be a positive whole number");
	}

	@Test
	void aCartLivesInPythonBetweenRequestsUntilItIsDeleted(@Autowired CartStore carts) {
		int before = carts.size();
		String id = this.http.post()
			.uri("/api/carts")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("tier", "gold"))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectHeader()
			.exists("Location")
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody()
			.get("id")
			.toString();
		assertThat(carts.size()).isEqualTo(before + 1);

		addItem(id, "apple", 3);
		CartSummary summary = addItem(id, "tea", 1);
		assertThat(summary.tier()).isEqualTo("gold");
		assertThat(summary.lines()).extracting(Quote::sku).containsExactly("apple", "tea");
		assertThat(summary.total()).isEqualByComparingTo("5.13");

		CartSummary read = this.http.get()
			.uri("/api/carts/{id}", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(CartSummary.class)
			.returnResult()
			.getResponseBody();
		assertThat(read).isEqualTo(summary);

		CartSummary removed = this.http.delete()
			.uri("/api/carts/{id}/items/{sku}", id, "tea")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(CartSummary.class)
			.returnResult()
			.getResponseBody();
		assertThat(removed.total()).isEqualByComparingTo("1.35");

		this.http.delete().uri("/api/carts/{id}", id).exchange().expectStatus().isNoContent();
		assertThat(carts.size()).isEqualTo(before);
		this.http.get()
			.uri("/api/carts/{id}", id)
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.title")
			.isEqualTo("Cart not found");
	}

	@Test
	void aBadItemInACartIsA400AndTheCartKeepsItsState(@Autowired CartStore carts) {
		String id = carts.create("regular");
		addItem(id, "banana", 4);
		this.http.post()
			.uri("/api/carts/{id}/items", id)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("sku", "durian", "quantity", 1))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.detail")
			.value(String.class, (detail) -> assertThat(detail).startsWith("unknown sku 'durian'"));
		this.http.get()
			.uri("/api/carts/{id}", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(CartSummary.class)
			.value((cart) -> assertThat(cart.total()).isEqualByComparingTo(new BigDecimal("1.00")));
		carts.delete(id);
	}

	@Test
	void anUnknownTierFailsCartCreationWith400() {
		this.http.post()
			.uri("/api/carts")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("tier", "platinum"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("unknown tier 'platinum'; try one of regular, silver, gold");
	}

	@Test
	void statisticsAreComputedByAPythonObjectThatLivesForOneRequest() {
		Stats.Summary summary = this.http.post()
			.uri("/api/stats")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("values", List.of(2, 4, 4, 4, 5, 5, 7, 9)))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Stats.Summary.class)
			.returnResult()
			.getResponseBody();
		assertThat(summary.count()).isEqualTo(8);
		assertThat(summary.mean()).isEqualTo(5.0);
		assertThat(summary.stddev()).isEqualTo(2.0);
		assertThat(summary.min()).isEqualTo(2.0);
		assertThat(summary.max()).isEqualTo(9.0);
	}

	@Test
	void statisticsOfNothingAreA400() {
		this.http.post()
			.uri("/api/stats")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("values", List.of()))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("no values: push at least one number");
	}

	@Test
	void anAsyncPythonFunctionBacksAnAsyncEndpoint() {
		DailyForecast forecast = this.http.get()
			.uri("/api/forecast?sku=apple&days=7")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(DailyForecast.class)
			.returnResult()
			.getResponseBody();
		assertThat(forecast.sku()).isEqualTo("apple");
		assertThat(forecast.days()).isEqualTo(7);
		assertThat(forecast.daily()).hasSize(7).allSatisfy((value) -> assertThat(value).isPositive());
		assertThat(forecast.total())
			.isCloseTo(forecast.daily().stream().mapToDouble(Double::doubleValue).sum(),
					org.assertj.core.data.Offset.offset(0.5));
	}

	@Test
	void aValueErrorFromAnAsyncPythonFunctionIsAlsoA400() {
		this.http.get()
			.uri("/api/forecast?sku=apple&days=365")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("days must be between 1 and 90");
	}

	@Test
	void customersAreSegmentedByANumpyModelTrainedAtStartup() {
		JsonNode answer = this.http.post()
			.uri("/api/segments")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("customers", List.of(List.of(12.5, 1), List.of(80, 4), List.of(170, 12))))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		assertThat(answer.get("segments").toString()).isEqualTo("[0,1,2]");
		assertThat(answer.get("names").toString()).isEqualTo("[\"occasional\",\"regular\",\"loyal\"]");
		assertThat(answer.get("distances")).hasSize(3).allSatisfy((distance) -> assertThat(distance.asDouble()).isBetween(0.0, 1.0));
		// the centers the model learnt from its synthetic customers (spend 25, 70, 160)
		JsonNode centers = answer.get("centers");
		assertThat(centers).hasSize(3);
		assertThat(centers.get(0).get(0).asDouble()).isBetween(20.0, 30.0);
		assertThat(centers.get(1).get(0).asDouble()).isBetween(65.0, 75.0);
		assertThat(centers.get(2).get(1).asDouble()).isBetween(10.0, 12.0);
	}

	@Test
	void oneCustomerPerRequestIsServedByTheReplicatedBatchedModel() {
		List<CompletableFuture<JsonNode>> answers = new ArrayList<>();
		double[][] customers = { { 12.5, 1 }, { 80, 4 }, { 170, 12 } };
		ExecutorService callers = Executors.newFixedThreadPool(12);
		try {
			for (int i = 0; i < 24; i++) {
				double[] customer = customers[i % 3];
				answers.add(CompletableFuture.supplyAsync(() -> this.http.get()
					.uri("/api/segments/one?spend={spend}&visits={visits}", customer[0], customer[1])
					.exchange()
					.expectStatus()
					.isOk()
					.expectBody(JsonNode.class)
					.returnResult()
					.getResponseBody(), callers));
			}
			for (int i = 0; i < 24; i++) {
				JsonNode answer = answers.get(i).join();
				assertThat(answer.get("segment").asInt()).isEqualTo(i % 3);
				assertThat(answer.get("name").asText()).isEqualTo(List.of("occasional", "regular", "loyal").get(i % 3));
			}
		}
		finally {
			callers.shutdown();
		}
	}

	@Test
	void customersThatAreNotPairsAreA400() {
		this.http.post()
			.uri("/api/segments")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("customers", List.of(List.of(12.5, 1, 7))))
			.exchange()
			.expectStatus()
			.isBadRequest();
	}

	private CartSummary addItem(String id, String sku, int quantity) {
		return this.http.post()
			.uri("/api/carts/{id}/items", id)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("sku", sku, "quantity", quantity))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(CartSummary.class)
			.returnResult()
			.getResponseBody();
	}

}
