package dev.esem.spring.actuate;

import java.util.Map;

import dev.esem.PythonBridge;
import dev.esem.spring.TestPython;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

class EsemHealthIndicatorTests {

	@Test
	void healthShouldBeUpWhenEveryWorkerAnswers() {
		try (PythonBridge bridge = PythonBridge.builder().python(TestPython.executable()).workers(2).build()) {
			Health health = new EsemHealthIndicator(bridge).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsOnlyKeys("workers");
			@SuppressWarnings("unchecked")
			Map<String, Map<String, Object>> workers = (Map<String, Map<String, Object>>) health.getDetails()
				.get("workers");
			assertThat(workers).containsOnlyKeys("1", "2");
			assertThat(workers.get("1")).containsOnlyKeys("state", "pid", "restarts")
				.containsEntry("state", "READY")
				.containsEntry("restarts", 0);
		}
	}

	@Test
	void healthShouldBeDownWithAReasonWhenTheBridgeIsNotRunning() {
		PythonBridge bridge = PythonBridge.builder().python(TestPython.executable()).build();
		bridge.close();
		Health health = new EsemHealthIndicator(bridge).health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("reason", "the Python bridge is not running");
	}

}
