package dev.esem;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class StartupFailureTest {

	@Test
	void aMissingInterpreterFailsFastNamingItAndHowToSetIt() {
		assertTimeoutPreemptively(Duration.ofSeconds(20),
				() -> assertThatThrownBy(() -> TestBridges.builder()
					.python("python3.99-not-installed")
					.callTimeout(Duration.ofMinutes(5))
					.startupTimeout(Duration.ofMinutes(5))
					.build()).isInstanceOf(PythonWorkerException.class)
					.hasMessageContaining("'python3.99-not-installed'")
					.hasMessageContaining("ESEM_PYTHON")
					.hasMessageContaining("python(...)"));
	}

	@Test
	void anInterpreterThatExitsAtOnceFailsStartWithItsOutput() {
		assertThatThrownBy(() -> TestBridges.builder().python("false").build())
			.isInstanceOf(PythonWorkerException.class)
			.hasMessageContaining("failed to start")
			.hasMessageContaining("exit code 1");
	}

	@Test
	void aFailingPreloadFailsStartNamingTheModule() {
		assertThatThrownBy(() -> TestBridges.builder().preload("tools.py", "broken_import.py").build())
			.isInstanceOfSatisfying(PythonException.class, ex -> {
				assertThat(ex.getMessage()).contains("broken_import.py").contains("module_that_does_not_exist");
				assertThat(ex.pythonType()).isEqualTo("ModuleNotFoundError");
			});
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(TestBridges.liveWorkers(ProcessHandle.current().pid())).isEmpty());
	}

	@Test
	void aClosedBridgeRefusesCalls() {
		PythonBridge python = TestBridges.builder().build();
		PyModule tools = python.module("tools.py");
		python.close();
		python.close();
		assertThatThrownBy(() -> tools.call("add", 1, 2)).isInstanceOf(PythonWorkerException.class)
			.hasMessageContaining("closed");
		assertThatThrownBy(() -> python.module("tools.py")).isInstanceOf(PythonWorkerException.class);
	}

}
