package dev.esem;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A call past its timeout ends with {@link PythonTimeoutException} whichever side
 * notices first; cancellation crosses in both directions and the worker stays.
 */
class TimeoutsAndCancellationTest {

	@Test
	void everyCallPastItsTimeoutEndsWithPythonTimeoutExceptionWhicheverSideNoticesFirst() {
		// one worker, which module() has imported the module in: a 40 ms timeout never
		// lands in an import
		try (PythonBridge python = TestBridges.builder().build()) {
			PyModule errors = python.module("structured_errors.py").withTimeout(Duration.ofMillis(40));
			List<Throwable> failures = new ArrayList<>();
			for (int i = 0; i < 100; i++) {
				try {
					errors.call((i % 2 == 0) ? "busy" : "sleepy", 5);
					failures.add(null);
				}
				catch (RuntimeException ex) {
					failures.add(ex);
				}
			}
			for (int round = 0; round < 4; round++) {
				List<CompletableFuture<Object>> calls = new ArrayList<>();
				for (int i = 0; i < 50; i++) {
					calls.add(errors.callAsync("sleepy", 5)); // tasks: their timers race the Java timer
				}
				for (CompletableFuture<Object> call : calls) {
					failures.add(call.handle((value, failure) -> (failure instanceof CompletionException)
							? failure.getCause() : failure).join());
				}
			}
			assertThat(failures).hasSize(300).allSatisfy(failure -> assertThat(failure)
				.isInstanceOf(PythonTimeoutException.class)
				.hasMessageContaining("timed out after 40ms"));
			assertThat(python.module("structured_errors.py").call("big_string", 2)).isEqualTo("xx");
		}
	}

	@Test
	void whenTheWorkerNoticesTheDeadlineFirstTheCallStillEndsWithPythonTimeoutException() {
		try (PythonBridge python = TestBridges.builder().build()) {
			PyModule errors = python.module("structured_errors.py");
			assertThatThrownBy(() -> errors.call("interrupted")).isInstanceOf(PythonTimeoutException.class)
				.hasMessageContaining("structured_errors.interrupted timed out")
				.cause()
				.isInstanceOfSatisfying(PythonException.class,
						ex -> assertThat(ex.pythonType()).isEqualTo("CallTimeout"));
			assertThat(errors.call("big_string", 1)).isEqualTo("x");
		}
	}

	@Test
	void aCoroutineThatCancelsItselfEndsItsCallCancelled() {
		try (PythonBridge python = TestBridges.builder().build()) {
			PyModule errors = python.module("structured_errors.py");
			CompletableFuture<Object> call = errors.callAsync("cancel_myself");
			assertThatThrownBy(call::join).isInstanceOf(CancellationException.class)
				.hasMessageContaining("cancel_myself was cancelled in Python")
				.hasCauseInstanceOf(PythonException.class);
			assertThat(call.isCancelled()).isTrue();
			assertThatThrownBy(() -> errors.call("cancel_myself")).isInstanceOf(CancellationException.class);
		}
	}

	@Test
	void cancellingTheFutureOfACallCancelsItsTaskAndTheWorkerStays() {
		try (PythonBridge python = TestBridges.builder().build()) {
			PyModule errors = python.module("structured_errors.py");
			long pid = python.workers().get(0).pid();
			CompletableFuture<Object> call = errors.callAsync("wait_long", 30);
			assertThat(call.cancel(true)).isTrue();
			assertThat(call.isCancelled()).isTrue();
			await().atMost(Duration.ofSeconds(10)).until(() -> errors.call("cancelled_count").equals(1));
			assertThat(python.workers().get(0).pid()).isEqualTo(pid);
			assertThat(call.cancel(true)).isTrue();
		}
	}

}
