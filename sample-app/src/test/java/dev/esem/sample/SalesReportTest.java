package dev.esem.sample;

import java.time.LocalDate;
import java.util.List;

import dev.esem.sample.sales.SalesReport.Order;
import dev.esem.sample.sales.SalesReport.RegionTotal;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The pandas sales report over real HTTP: on Debian's interpreter with pandas, and without pandas. */
class SalesReportTest {

	static final List<Order> ORDERS = List.of(new Order("north", "tea", 3, 2.5, LocalDate.of(2024, 3, 1)),
			new Order("south", "coffee", 1, 10.0, LocalDate.of(2024, 3, 1)),
			new Order("north", "coffee", 2, 9.0, LocalDate.of(2024, 3, 2)),
			new Order("east", "tea", 10, 2.0, LocalDate.of(2024, 3, 3)));

	@Nested
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
	@AutoConfigureRestTestClient
	class WithPandas {

		@Autowired
		RestTestClient http;

		@DynamicPropertySource
		static void debiansPython(DynamicPropertyRegistry registry) {
			registry.add("esem.python", () -> DataPython.withPandas());
		}

		@Test
		void ordersGoInAsADataFrameAndTotalsComeBackAsRecords() {
			RegionTotal[] totals = this.http.post()
				.uri("/api/sales/report")
				.contentType(MediaType.APPLICATION_JSON)
				.body(ORDERS)
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(RegionTotal[].class)
				.returnResult()
				.getResponseBody();
			assertThat(totals).containsExactly(new RegionTotal("north", 2, 5, 25.5, 5.1),
					new RegionTotal("east", 1, 10, 20.0, 2.0), new RegionTotal("south", 1, 1, 10.0, 10.0));
		}

	}

	@Nested
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = "esem.python-path=classpath:without-pandas/,classpath:python/")
	@AutoConfigureRestTestClient
	class WithoutPandas {

		@Autowired
		RestTestClient http;

		@Test
		void theEndpointSaysWhatToInstallAndTheRestWorksOn() {
			this.http.post()
				.uri("/api/sales/report")
				.contentType(MediaType.APPLICATION_JSON)
				.body(ORDERS)
				.exchange()
				.expectStatus()
				.isEqualTo(503)
				.expectBody(String.class)
				.value(body -> assertThat(body).contains("needs pandas").contains("python3-pandas"));
			this.http.get().uri("/api/price?sku=tea").exchange().expectStatus().isOk();
		}

	}

}
