package dev.esem.spring.actuate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.esem.PyObject;
import dev.esem.PythonBridge;
import dev.esem.spring.TestPython;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
			assertThat(workers.get("1")).containsOnlyKeys("state", "pid", "restarts", "replicas")
				.containsEntry("state", "READY")
				.containsEntry("restarts", 0);
		}
	}

	@Test
	void healthShouldBeDownWithThePythonErrorWhileAReplicaFailsToBuild(@TempDir Path dir) throws Exception {
		Path broken = dir.resolve("broken");
		try (PythonBridge bridge = PythonBridge.builder()
			.python(TestPython.executable())
			.pythonPath(new ClassPathResource("python").getFile().toPath())
			.workers(2)
			.restartBackoff(Duration.ofMillis(50))
			.restartMaxAttempts(1000)
			.build()) {
			PyObject scorer = bridge.module("scorer.py").constructReplicated("Scorer", 1.0, broken.toString());
			EsemHealthIndicator indicator = new EsemHealthIndicator(bridge);
			assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
			Files.createFile(broken);
			ProcessHandle.of(bridge.workers().get(1).pid()).orElseThrow().destroyForcibly();
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(indicator.health().getDetails().get("reason")).asString()
					.contains("worker 2 is out of service")
					.contains("scorer.Scorer")
					.contains("RuntimeError: the weights are corrupt"));
			assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
			Files.delete(broken);
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(indicator.health().getStatus()).isEqualTo(Status.UP));
			scorer.release();
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
