package dev.esem.spring.app;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.DocumentContext;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "esem.python=${esem.test.python:python3}", "esem.leak-detection.track-creation-site=true",
				"management.endpoints.web.exposure.include=esem" })
class LeakReportingTests {

	private static final int DROPPED = 5;

	@Autowired
	private CalculatorService calculators;

	@Autowired
	private MeterRegistry meters;

	@LocalServerPort
	private int port;

	@Test
	void unreleasedInstancesShouldBeReportedWithTheirCreationSiteAndCounted() {
		Http http = new Http(this.port);
		double before = this.meters.get("esem.instances.leaked").counter().count();
		createAndDropCalculators();
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
			System.gc();
			return http.json("/actuator/esem/leaks").read("$.count", Long.class) >= DROPPED;
		});
		DocumentContext leaks = http.json("/actuator/esem/leaks");
		List<Map<String, Object>> instances = leaks.read("$.instances");
		assertThat(instances).hasSizeGreaterThanOrEqualTo(DROPPED).allSatisfy((leak) -> {
			assertThat(leak).containsEntry("pythonClass", "Calculator").containsEntry("module", "calculator");
			assertThat((String) leak.get("refId")).startsWith("py_obj_");
			assertThat((String) leak.get("age")).startsWith("PT");
			assertThat((String) leak.get("createdAt")).isNotBlank();
			assertThat((String) leak.get("creationSite")).contains("createAndDropCalculators");
		});
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.meters.get("esem.instances.leaked").counter().count())
				.isGreaterThanOrEqualTo(before + DROPPED));
		assertThat(http.json("/actuator/esem").read("$.leaks.count", Long.class)).isGreaterThanOrEqualTo(DROPPED);
	}

	private void createAndDropCalculators() {
		for (int i = 0; i < DROPPED; i++) {
			this.calculators.open(i).add(1);
		}
	}

}
