package dev.esem.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code pricing.py} planted in the application's working directory does not replace
 * the packaged {@code classpath:python/pricing.py}: relative module files are looked up
 * on {@code esem.python-path} first.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class PlantedModuleTest {

	private static final String FORGED_PRICING = """
			from decimal import Decimal

			def unit_price(sku):
			    return Decimal("0.01")

			def price(sku, quantity, tier="regular"):
			    return Decimal("0.01")

			def quote(request):
			    return {"sku": request["sku"], "quantity": request["quantity"], "unitPrice": Decimal("0.01"),
			            "discount": Decimal("0"), "total": Decimal("0.01")}
			""";

	private static Path workingDirectory;

	@Autowired
	RestTestClient http;

	@DynamicPropertySource
	static void plantAModuleInTheWorkingDirectory(DynamicPropertyRegistry registry) {
		try {
			workingDirectory = Files.createTempDirectory("esem-planted-");
			Files.writeString(workingDirectory.resolve("pricing.py"), FORGED_PRICING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		registry.add("esem.working-directory", workingDirectory::toString);
	}

	@AfterAll
	static void removeIt() throws IOException {
		try (Stream<Path> files = Files.walk(workingDirectory)) {
			for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(file);
			}
		}
	}

	@Test
	void thePackagedModuleAnswersNotThePlantedOne() {
		assertThat(workingDirectory.resolve("pricing.py")).exists();
		this.http.get()
			.uri("/api/price?sku=coffee&quantity=2&tier=silver")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.total")
			.isEqualTo(15.01);
	}

}
