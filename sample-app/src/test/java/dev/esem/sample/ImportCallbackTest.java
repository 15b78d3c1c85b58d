package dev.esem.sample;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.esem.sample.imports.Importer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** A Python import loop reports its progress to a Java callback, which feeds a Micrometer gauge. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class ImportCallbackTest {

	@Autowired
	RestTestClient http;

	@Autowired
	Importer importer;

	private static List<Map<String, Object>> rows(int count) {
		List<Map<String, Object>> rows = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			Map<String, Object> row = new HashMap<>();
			row.put("sku", "tea");
			row.put("units", (i == 7) ? -1 : 2);
			rows.add(row);
		}
		return rows;
	}

	@Test
	void pythonCallsTheJavaCallbackAsItGoes() {
		List<String> calls = new CopyOnWriteArrayList<>();
		Importer.ImportResult result = this.importer.importRows(rows(250), (done, total) -> calls.add(done + "/" + total));
		assertThat(calls).containsExactly("100/250", "200/250", "250/250");
		assertThat(result.imported()).isEqualTo(249);
		assertThat(result.rejected()).containsExactly(8);
		assertThat(result.units()).isEqualTo(498);
	}

	@Test
	void theImportEndpointShowsItsProgressAsAGauge() {
		JsonNode result = this.http.post()
			.uri("/api/import")
			.contentType(MediaType.APPLICATION_JSON)
			.body(rows(120))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		assertThat(result.get("imported").asInt()).isEqualTo(119);
		JsonNode gauge = this.http.get()
			.uri("/actuator/metrics/sample.import.progress")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		assertThat(gauge.get("measurements").get(0).get("value").asDouble()).isEqualTo(1.0);
	}

}
