package dev.esem;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.esem.annotation.PythonTimeout;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Awaiting calls overlap on one worker; timeouts interrupt before they replace. */
class AsyncAndTimeoutsTest {

	interface Flows {

		@PythonTimeout("300ms")
		Object spin_forever();

		Object sleep(double seconds);

	}

	@Test
	void aHundredAwaitingCallsOverlapOnOneWorker() {
		try (PythonBridge python = TestBridges.builder().build()) {
			PyModule flows = python.module("flows.py");
			long start = System.nanoTime();
			List<CompletableFuture<Object>> calls = new ArrayList<>();
			for (int i = 0; i < 100; i++) {
				calls.add(flows.callAsync("nap_then", 0.5, i));
			}
			for (int i = 0; i < calls.size(); i++) {
				assertThat(calls.get(i).join()).isEqualTo(i);
			}
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void plainFunctionsRunOneAtATimeInOrderWhileCoroutinesWait() {
		try (PythonBridge python = TestBridges.builder().build()) {
			PyModule flows = python.module("flows.py");
			CompletableFuture<Object> waiting = flows.callAsync("nap_then", 0.3, "late");
			List<CompletableFuture<Object>> plain = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				plain.add(flows.callAsync("note", i));
			}
			List<Object> order = (List<Object>) plain.get(19).join();
			assertThat(order).containsExactlyElementsOf(new ArrayList<>(java.util.stream.IntStream.range(0, 20).boxed().toList()));
			assertThat(waiting.isDone()).isFalse();
			assertThat(waiting.join()).isEqualTo("late");
		}
	}

	@Test
	void aRunawayPlainCallIsInterruptedAndTheWorkerItsPidAndItsObjectsSurvive() {
		try (PythonBridge python = TestBridges.builder().callTimeout(Duration.ofMillis(500)).build()) {
			PyModule flows = python.module("flows.py");
			PyObject bag = flows.construct("Bag", 1, 2);
			long pid = python.workers().get(0).pid();
			assertThatThrownBy(() -> flows.call("spin_forever")).isInstanceOf(PythonTimeoutException.class);
			assertThatThrownBy(() -> flows.call("sleep", 60)).isInstanceOf(PythonTimeoutException.class);
			assertThat(flows.call("sleep", 0)).isEqualTo(0);
			assertThat(bag.stream().toList()).containsExactly(1, 2);
			assertThat(python.workers().get(0).pid()).isEqualTo(pid);
			assertThat(python.workers().get(0).restarts()).isZero();
		}
	}

	@Test
	void aTimedOutCoroutineIsCancelledAndItsHandlersRun() {
		try (PythonBridge python = TestBridges.builder().build()) {
			PyModule flows = python.module("flows.py");
			long pid = python.workers().get(0).pid();
			assertThatThrownBy(() -> flows.withTimeout(Duration.ofMillis(200)).call("nap", 30, "doomed"))
				.isInstanceOf(PythonTimeoutException.class)
				.hasMessageContaining("200ms");
			await().atMost(Duration.ofSeconds(5))
				.until(() -> ((List<?>) flows.call("cancelled_values")).contains("doomed"));
			assertThat(python.workers().get(0).pid()).isEqualTo(pid);
		}
	}

	@Test
	void aCallStuckInCPastTheGraceGetsItsWorkerReplaced() {
		try (PythonBridge python = TestBridges.builder().timeoutGrace(Duration.ofMillis(300))
			.restartBackoff(Duration.ofMillis(20))
			.build()) {
			PyModule flows = python.module("flows.py");
			long pid = python.workers().get(0).pid();
			assertThatThrownBy(() -> flows.withTimeout(Duration.ofMillis(300)).call("hold_gil", 20_000_000))
				.isInstanceOf(PythonTimeoutException.class);
			await().atMost(Duration.ofSeconds(10)).until(() -> python.workers().get(0).pid() != pid);
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(flows.call("sleep", 0)).isEqualTo(0));
		}
	}

	@Test
	void typedMethodsTakeTheirOwnTimeoutAndObjectViewsTheirs() {
		try (PythonBridge python = TestBridges.builder().build()) {
			PyModule flows = python.module("flows.py");
			Flows typed = flows.bind(Flows.class);
			long start = System.nanoTime();
			assertThatThrownBy(typed::spin_forever).isInstanceOf(PythonTimeoutException.class)
				.hasMessageContaining("300ms");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
			assertThat(typed.sleep(0.1)).isEqualTo(0.1);
			PyObject bag = flows.construct("Bag", 1);
			PyObject quick = bag.withTimeout(Duration.ofMillis(250));
			assertThat(quick.stream().toList()).containsExactly(1);
			quick.release();
			assertThat(bag.isReleased()).isTrue();
		}
	}

	@Test
	void aTimeoutMustBePositive() {
		try (PythonBridge python = TestBridges.builder().build()) {
			PyModule flows = python.module("flows.py");
			assertThatThrownBy(() -> flows.withTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
		}
	}

}
