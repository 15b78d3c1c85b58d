package dev.esem;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A blocking caller reads its own reply when no other thread reads (leader/follower):
 * its call must still end on time, on interrupt, and never let a callback block.
 */
class ReplyReadingTest {

	@Test
	void aBlockingCallTimesOutOnTimeWhileItsThreadReadsAndTheWorkerIsKept() {
		try (PythonBridge python = TestBridges.builder().callTimeout(Duration.ofMillis(500))
			.replaceWorkerOnTimeout(false)
			.build()) {
			PyModule tools = python.module("tools.py");
			long pid = python.workers().get(0).pid();
			long start = System.nanoTime();
			assertThatThrownBy(() -> tools.call("sleep", 3)).isInstanceOf(PythonTimeoutException.class)
				.hasMessageContaining("tools.sleep timed out after 500ms");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
			assertThat(python.workers().get(0).pid()).isEqualTo(pid);
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
			Thread.sleep(300);
			long start = System.nanoTime();
			caller.interrupt();
			caller.join(2000);
			assertThat(caller.isAlive()).isFalse();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1000));
			assertThat(failure.get()).isInstanceOf(PythonWorkerException.class).hasMessageContaining("Interrupted");
		}
	}

	@Test
	void aCallbackCannotBlockWhicheverThreadReadsItsReply() {
		try (PythonBridge python = TestBridges.builder().build()) {
			PyModule tools = python.module("tools.py");
			for (int i = 0; i < 5; i++) {
				CompletableFuture<Object> nested = tools.callAsync("slow_add", i, 1, Kwargs.of("delay", 0.02))
					.thenApply(value -> tools.call("add", value, 1));
				// the reply of slow_add comes first: this thread may read it while it waits for its own
				assertThat(tools.call("sleep", 0.05)).isEqualTo(0.05);
				assertThat(nested).failsWithin(Duration.ofSeconds(5))
					.withThrowableOfType(ExecutionException.class)
					.withCauseInstanceOf(IllegalStateException.class)
					.withMessageContaining("reader thread");
			}
		}
	}

}
