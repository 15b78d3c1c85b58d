package dev.esem.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.esem.sample.pricing.Pricing;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.aot.AotDetector;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.SpringProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application as the build's {@code process-aot} left it, started the way a native
 * image starts it: from the generated bean definitions alone
 * ({@code spring.aot.enabled=true}), on the JVM.
 */
class AotApplicationTest {

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void theAotProcessedApplicationCallsPythonThroughWrittenAndGeneratedInterfaces() throws Exception {
		try (ConfigurableApplicationContext context = startWithAot("--server.port=0")) {
			// generated definitions carry their instance supplier; scanned ones do not
			assertThat(context.getBeanFactory().getBeanDefinition(Pricing.class.getName())).isInstanceOfSatisfying(
					AbstractBeanDefinition.class, definition -> assertThat(definition.getInstanceSupplier()).isNotNull());
			String base = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");

			JsonNode price = get(base + "/api/price?sku=coffee&quantity=2&tier=silver");
			assertThat(price.get("total").decimalValue()).isEqualByComparingTo("15.01");

			JsonNode summary = post(base + "/api/stats", "{\"values\": [2, 4, 4, 4, 5, 5, 7, 9]}");
			assertThat(summary.get("count").asInt()).isEqualTo(8);
			assertThat(summary.get("stddev").asDouble()).isEqualTo(2.0);

			JsonNode forecast = get(base + "/api/forecast?sku=apple&days=7");
			assertThat(forecast.get("daily")).hasSize(7);

			String cart = post(base + "/api/carts", "{\"tier\": \"regular\"}").get("id").asString();
			JsonNode lines = post(base + "/api/carts/" + cart + "/items", "{\"sku\": \"apple\", \"quantity\": 2}");
			assertThat(lines.get("lines")).hasSize(1);

			JsonNode health = get(base + "/actuator/health");
			assertThat(health.get("status").asString()).isEqualTo("UP");
		}
	}

	private static ConfigurableApplicationContext startWithAot(String... args) {
		assertThat(AotDetector.useGeneratedArtifacts()).as("AOT mode before the test").isFalse();
		SpringProperties.setFlag(AotDetector.AOT_ENABLED);
		try {
			SpringApplication application = new SpringApplication(SampleApplication.class);
			// the generated initializer is named after the main class, which a test run cannot deduce
			application.setMainApplicationClass(SampleApplication.class);
			return application.run(args);
		}
		finally {
			// the flag is JVM-wide: the other tests start their contexts the usual way
			SpringProperties.setProperty(AotDetector.AOT_ENABLED, null);
		}
	}

	private JsonNode get(String uri) throws Exception {
		return send(HttpRequest.newBuilder(URI.create(uri)).GET().build());
	}

	private JsonNode post(String uri, String body) throws Exception {
		return send(HttpRequest.newBuilder(URI.create(uri))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	private JsonNode send(HttpRequest request) throws Exception {
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("%s %s: %s", request.method(), request.uri(), response.body())
			.isBetween(200, 299);
		return this.json.readTree(response.body());
	}

}
