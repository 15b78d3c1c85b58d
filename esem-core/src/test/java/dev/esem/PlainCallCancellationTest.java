package dev.esem;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Cancelling the future of a plain (not async) call stops it in Python, on the same
 * worker, which then serves the next call; a cancelled call that the worker has not read
 * yet never runs.
 */
class PlainCallCancellationTest {

	@TempDir
	Path directory;

	@Test
	void cancellingARunningPlainCallInterruptsItAndTheWorkerStays() {
		try (PythonBridge python = TestBridges.builder().build()) {
			PyModule cancels = python.module("plain_cancels.py");
			long pid = python.workers().get(0).pid();
			Path started = this.directory.resolve("started");
			CompletableFuture<Object> call = cancels.callAsync("sleep_long", 30, started.toString());
			await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(started));
			assertThat(call.cancel(true)).isTrue();
			assertThat(call.isCancelled()).isTrue();
			// the one worker answers only once the sleep has ended: interrupted, not finished
			assertThat(cancels.call("events_so_far")).isEqualTo(List.of("started", "CallCancelled"));
			assertThat(python.workers().get(0).pid()).isEqualTo(pid);
			assertThat(cancels.call("record", "next")).isEqualTo("next");
		}
	}

	@Test
	void aCancelledCallThatWaitsBehindAnotherNeverRuns() {
		try (PythonBridge python = TestBridges.builder().build()) {
			PyModule cancels = python.module("plain_cancels.py");
			long pid = python.workers().get(0).pid();
			Path started = this.directory.resolve("started");
			CompletableFuture<Object> running = cancels.callAsync("sleep_long", 30, started.toString());
			await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(started));
			CompletableFuture<Object> queued = cancels.callAsync("record", "queued");
			assertThat(queued.cancel(true)).isTrue();
			assertThat(running.cancel(true)).isTrue();
			assertThat(cancels.call("events_so_far")).isEqualTo(List.of("started", "CallCancelled"));
			assertThat(python.workers().get(0).pid()).isEqualTo(pid);
		}
	}

}
