package dev.esem.sample;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import dev.esem.PyModule;
import dev.esem.PythonBridge;
import dev.esem.PythonException;
import dev.esem.PythonInterpreterException;
import dev.esem.PythonModuleLoadException;
import dev.esem.PythonTimeoutException;
import dev.esem.PythonWorkerException;
import dev.esem.monitor.WorkerState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The examples of errors.md: what each fault looks like from Java. */
class ErrorExamplesTest {

	private static final Duration SOON = Duration.ofSeconds(20);

	private static PythonBridge.Builder fastRestarts() {
		return Examples.bridge().restartBackoff(Duration.ofMillis(50));
	}

	@Test
	void aPythonExceptionCarriesTypeMessageAndTraceback() {
		try (PythonBridge python = Examples.bridge().build()) {
			PyModule faults = python.module("faults.py");
			// tag::python-exception[]
			assertThatThrownBy(() -> faults.call("parse_age", "forty"))
				.isInstanceOfSatisfying(PythonException.class, (ex) -> {
					assertThat(ex.pythonType()).isEqualTo("ValueError");
					assertThat(ex.getMessage()).isEqualTo("invalid literal for int() with base 10: 'forty'");
					assertThat(ex.pythonTraceback()).startsWith("Traceback (most recent call last):")
						.contains("in parse_age")
						.endsWith("ValueError: invalid literal for int() with base 10: 'forty'\n");
				});
			// end::python-exception[]
			assertThat(parseAge(faults, "forty")).isEmpty();
			assertThat(parseAge(faults, "-4")).isEmpty();
			assertThat(parseAge(faults, "40")).contains(40);
		}
	}

	// tag::python-exception-handling[]
	static Optional<Integer> parseAge(PyModule faults, String text) {
		try {
			return Optional.of((Integer) faults.call("parse_age", text));
		}
		catch (PythonException ex) {
			if (!ex.isInstance("ValueError")) {
				throw ex; // not bad input but a bug: let it propagate
			}
			return Optional.empty();
		}
	}
	// end::python-exception-handling[]

	@Test
	void aCrashFailsTheCallsOnThatWorkerAndThePoolStartsAnother() {
		try (PythonBridge python = fastRestarts().build()) {
			PyModule faults = python.module("faults.py");
			// tag::crash[]
			Object before = faults.call("pid");
			assertThatThrownBy(() -> faults.call("crash", 3)).isInstanceOf(PythonWorkerException.class)
				.hasMessageContaining("died")
				.hasMessageContaining("exit code 3");
			assertThat(faults.call("pid")).isNotEqualTo(before); // the next call waits for the replacement
			// end::crash[]
			assertThat(python.workers().get(0).restarts()).isEqualTo(1);
		}
	}

	@Test
	void aKilledWorkerFailsEveryCallInFlight() {
		try (PythonBridge python = fastRestarts().build()) {
			PyModule faults = python.module("faults.py");
			long pid = python.workers().get(0).pid();
			CompletableFuture<Object> inFlight = faults.callAsync("slow", 30);
			await().atMost(SOON).until(() -> python.workers().get(0).inFlight() == 1);
			ProcessHandle.of(pid).orElseThrow().destroyForcibly();
			assertThat(inFlight).failsWithin(SOON)
				.withThrowableOfType(ExecutionException.class)
				.withCauseInstanceOf(PythonWorkerException.class)
				.withMessageContaining("SIGKILL");
		}
	}

	@Test
	void aCallPastItsTimeoutFailsAndIsInterruptedInPython() {
		// tag::timeout[]
		try (PythonBridge python = Examples.bridge().callTimeout(Duration.ofSeconds(1)).build()) {
			PyModule faults = python.module("faults.py");
			Object pid = faults.call("pid");
			assertThatThrownBy(() -> faults.call("slow", 60)).isInstanceOf(PythonTimeoutException.class)
				.hasMessageContaining("faults.slow timed out after 1s");
			// time.sleep(60) was interrupted inside Python: the same worker answers at once
			assertThat(faults.call("pid")).isEqualTo(pid);
		}
		// end::timeout[]
	}

	@Test
	void exhaustedRestartsFailCallsFastWithTheReason() {
		try (PythonBridge python = fastRestarts().restartMaxAttempts(1).build()) {
			PyModule faults = python.module("faults.py");
			// tag::exhausted[]
			for (int crash = 0; crash < 2; crash++) {
				await().atMost(SOON).until(() -> python.workers().get(0).state() == WorkerState.READY);
				assertThatThrownBy(() -> faults.call("crash")).isInstanceOf(PythonWorkerException.class);
			}
			await().atMost(SOON).until(() -> python.workers().get(0).state() == WorkerState.FAILED);
			assertThatThrownBy(() -> faults.call("pid")).isInstanceOf(PythonWorkerException.class)
				.hasMessageContaining("restarts are exhausted (esem.restart.max-attempts=1)");
			// end::exhausted[]
		}
	}

	@Test
	void closeLetsShortCallsFinishAndFailsTheRest() {
		PythonBridge python = Examples.bridge().shutdownTimeout(Duration.ofMillis(500)).build();
		PyModule faults = python.module("faults.py");
		// tag::close[]
		CompletableFuture<Object> quick = faults.callAsync("slow", 0.1);
		CompletableFuture<Object> stuck = faults.callAsync("slow", 60);
		python.close(); // waits up to the shutdown timeout for calls in flight, then stops the workers
		assertThat(quick).isCompletedWithValue(0.1);
		assertThatThrownBy(stuck::join).hasCauseInstanceOf(PythonWorkerException.class)
			.hasMessageContaining("The Python bridge was closed");
		assertThatThrownBy(() -> faults.call("pid")).isInstanceOf(PythonWorkerException.class)
			.hasMessageContaining("The Python bridge is closed");
		// end::close[]
	}

	@Test
	void aMissingInterpreterFailsStartWithAHint() {
		// tag::missing-interpreter[]
		assertThatThrownBy(() -> PythonBridge.builder().python("python3.99").build())
			.isInstanceOf(PythonInterpreterException.class) // a PythonWorkerException
			.hasMessageContaining("Could not start the Python interpreter 'python3.99'")
			.hasMessageContaining("ESEM_PYTHON");
		// end::missing-interpreter[]
	}

	@Test
	void aModuleThatFailsToImportThrowsWithItsTraceback() {
		try (PythonBridge python = Examples.bridge().build()) {
			// tag::import-error[]
			assertThatThrownBy(() -> python.module("broken_import.py"))
				.isInstanceOfSatisfying(PythonModuleLoadException.class, (ex) -> { // a PythonException
					assertThat(ex.spec()).isEqualTo("broken_import.py");
					assertThat(ex.pythonType()).isEqualTo("ModuleNotFoundError");
					assertThat(ex.getMessage())
						.isEqualTo("No module named 'esem_sample_package_that_is_not_installed'");
					assertThat(ex.pythonTraceback()).contains("broken_import.py");
				});
			// end::import-error[]
			assertThat(python.module("faults.py").call("pid")).isNotNull();
		}
	}

}
