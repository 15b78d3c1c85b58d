package dev.esem.spring.metrics;

import java.time.Duration;

import dev.esem.PyModule;
import dev.esem.PyObject;
import dev.esem.PythonBridge;
import dev.esem.PythonException;
import dev.esem.spring.TestPython;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class EsemMetricsTests {

	@Test
	void callsShouldBeTimedByModuleTargetAndOutcome() throws Exception {
		try (PythonBridge bridge = bridge()) {
			MeterRegistry registry = new SimpleMeterRegistry();
			new EsemMetrics(bridge).bindTo(registry);
			PyModule pricing = bridge.module("pricing.py");
			pricing.call("quote", 10);
			pricing.call("quote", 20);
			assertThatExceptionOfType(PythonException.class).isThrownBy(() -> pricing.call("fail", "no"));
			assertThat(registry.get("esem.calls")
				.tags("module", "pricing", "target", "quote", "outcome", "success")
				.timer()
				.count()).isEqualTo(2);
			assertThat(registry.get("esem.calls")
				.tags("module", "pricing", "target", "fail", "outcome", "python_error")
				.timer()
				.count()).isEqualTo(1);
			assertThat(registry.get("esem.calls.active").gauge().value()).isZero();
		}
	}

	@Test
	void theRegistryGaugeShouldCountTheLiveInstances() throws Exception {
		try (PythonBridge bridge = bridge()) {
			MeterRegistry registry = new SimpleMeterRegistry();
			new EsemMetrics(bridge).bindTo(registry);
			try (PyObject one = bridge.module("calculator.py").construct("Calculator", 1);
					PyObject two = bridge.module("calculator.py").construct("Calculator", 2)) {
				assertThat(registry.get("esem.registry.size").gauge().value()).isEqualTo(2.0);
				one.release();
				assertThat(registry.get("esem.registry.size").gauge().value()).isEqualTo(1.0);
			}
			assertThat(registry.get("esem.registry.size").gauge().value()).isZero();
		}
	}

	@Test
	void aWorkerRestartShouldBeCounted() throws Exception {
		try (PythonBridge bridge = PythonBridge.builder()
			.python(TestPython.executable())
			.restartBackoff(Duration.ofMillis(50))
			.build()) {
			MeterRegistry registry = new SimpleMeterRegistry();
			new EsemMetrics(bridge).bindTo(registry);
			assertThat(registry.get("esem.workers.restarts").counter().count()).isZero();
			ProcessHandle.of(bridge.workers().get(0).pid()).orElseThrow().destroyForcibly();
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(registry.get("esem.workers.restarts").counter().count()).isOne());
			assertThat(registry.get("esem.instances.leaked").counter().count()).isZero();
		}
	}

	private static PythonBridge bridge() throws Exception {
		return PythonBridge.builder()
			.python(TestPython.executable())
			.pythonPath(new ClassPathResource("python").getFile().toPath())
			.build();
	}

}
