package dev.esem;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import dev.esem.monitor.BridgeListener;
import dev.esem.monitor.CallOutcome;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * A call ends at its deadline whatever the worker does, a blocked caller can be
 * interrupted, and callbacks of esem futures may block on other esem calls.
 */
class DeadlinesTest {

	private static final Duration SLACK = Duration.ofMillis(900);

	@Test
	void aTimeoutFiresAtItsDeadlineWhileTheWorkerIsStoppedAndTheWorkerIsKept() throws Exception {
		try (PythonBridge python = TestBridges.builder().callTimeout(Duration.ofSeconds(1))
			.replaceWorkerOnTimeout(false)
			.build()) {
			PyModule tools = python.module("tools.py");
			long pid = python.workers().get(0).pid();
			signal("STOP", pid);
			try {
				long start = System.nanoTime();
				// preemptively: a caller stuck in a read or write would otherwise hang the build
				assertTimeoutPreemptively(Duration.ofSeconds(5),
						() -> assertThatThrownBy(() -> tools.call("add", 1, 2))
							.isInstanceOf(PythonTimeoutException.class)
							.hasMessageContaining("tools.add timed out after 1s"));
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1).plus(SLACK));
			}
			finally {
				signal("CONT", pid);
			}
			assertThat(tools.call("add", 2, 3)).isEqualTo(5);
			assertThat(python.workers().get(0).pid()).isEqualTo(pid);
		}
	}

	@Test
	void aTimeoutFiresAtItsDeadlineWhileTheWorkerHoldsTheGilInOneCCall() {
		try (PythonBridge python = TestBridges.builder().callTimeout(Duration.ofSeconds(1))
			.replaceWorkerOnTimeout(false)
			.shutdownTimeout(Duration.ofMillis(100))
			.build()) {
			PyModule tools = python.module("tools.py");
			long start = System.nanoTime();
			assertThatThrownBy(() -> tools.call("hold_gil", 20_000_000)).isInstanceOf(PythonTimeoutException.class);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1).plus(SLACK));
		}
	}

	@Test
	void timeoutsStillFireWhileReleasesCannotBeWrittenToAStoppedWorker() throws Exception {
		try (PythonBridge python = TestBridges.builder().callTimeout(Duration.ofSeconds(1))
			.replaceWorkerOnTimeout(false)
			.build()) {
			PyModule tools = python.module("tools.py");
			List<PyObject> counters = new ArrayList<>();
			for (int i = 0; i < 5_000; i++) {
				counters.add(tools.construct("Calculator", i));
			}
			long pid = python.workers().get(0).pid();
			signal("STOP", pid);
			try {
				// some 150 KB of releases: more than the pipe holds, so their writer blocks
				counters.forEach(PyObject::release);
				long start = System.nanoTime();
				assertTimeoutPreemptively(Duration.ofSeconds(5),
						() -> assertThatThrownBy(() -> tools.call("add", 1, 2)).isInstanceOf(PythonTimeoutException.class));
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1).plus(SLACK));
			}
			finally {
				signal("CONT", pid);
			}
			assertThat(tools.call("add", 2, 3)).isEqualTo(5);
		}
	}

	@Test
	void anInterruptedBlockingCallEndsPromptly() throws Exception {
		try (PythonBridge python = TestBridges.builder().build()) {
			PyModule tools = python.module("tools.py");
			AtomicReference<Throwable> failure = new AtomicReference<>();
			Thread caller = new Thread(() -> {
				try {
					tools.call("sleep", 3);
				}
				catch (RuntimeException ex) {
					failure.set(ex);
				}
			});
			caller.start();
			await().atMost(Duration.ofSeconds(2)).until(() -> python.workers().get(0).inFlight() == 1);
			long start = System.nanoTime();
			caller.interrupt();
			caller.join(2000);
			assertThat(caller.isAlive()).isFalse();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1000));
			assertThat(failure.get()).isInstanceOf(PythonWorkerException.class).hasMessageContaining("Interrupted");
		}
	}

	@Test
	void aCallbackOfAnEsemFutureMayBlockOnAnotherEsemCall() {
		try (PythonBridge python = TestBridges.builder().callTimeout(Duration.ofSeconds(5)).build()) {
			PyModule tools = python.module("tools.py");
			long pid = python.workers().get(0).pid();
			for (int i = 0; i < 20; i++) {
				int n = i;
				CompletableFuture<Object> joined = tools.callAsync("slow_add", n, 1, Kwargs.of("delay", 0.01))
					.thenApply(value -> tools.callAsync("add", value, 1).join());
				CompletableFuture<Object> blocking = tools.callAsync("add", n, 0)
					.thenApply(value -> tools.call("add", value, 10));
				assertThat(tools.call("sleep", 0.02)).isEqualTo(0.02);
				assertThat(joined.join()).isEqualTo(n + 2);
				assertThat(blocking.join()).isEqualTo(n + 10);
			}
			assertThat(python.workers().get(0).pid()).isEqualTo(pid);
			assertThat(python.workers().get(0).restarts()).isZero();
		}
	}

	@Test
	void aBlockingCallFromAListenerIsRefusedBeforeItIsSent() {
		AtomicReference<PyModule> module = new AtomicReference<>();
		AtomicReference<Throwable> refused = new AtomicReference<>();
		BridgeListener listener = new BridgeListener() {
			@Override
			public void callEnded(String mod, String target, CallOutcome outcome, long nanos) {
				if ("add".equals(target) && refused.get() == null) {
					try {
						module.get().call("bump");
					}
					catch (RuntimeException ex) {
						refused.set(ex);
					}
				}
			}
		};
		try (PythonBridge python = TestBridges.builder().listener(listener).build()) {
			PyModule tools = python.module("tools.py");
			module.set(tools);
			tools.call("add", 1, 2);
			await().atMost(Duration.ofSeconds(2)).until(() -> refused.get() != null);
			assertThat(refused.get()).isInstanceOf(IllegalStateException.class).hasMessageContaining("BridgeListener");
			assertThat(tools.call("bump")).as("bump never ran before").isEqualTo(1);
		}
	}

	private static void signal(String signal, long pid) throws IOException, InterruptedException {
		assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor()).isZero();
	}

}
