package dev.esem;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import dev.esem.monitor.WorkerState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An asynchronous call is its own future, also while it waits for a worker to come up. */
class CancelBeforeRoutingTest {

	private static final Duration SOON = Duration.ofSeconds(30);

	@Test
	void aCallCancelledWhileItWaitsForAWorkerIsNeverSent(@TempDir Path directory) {
		try (PythonBridge python = TestBridges.builder().restartBackoff(Duration.ofSeconds(2)).build()) {
			PyModule marks = python.module("marks");
			long pid = python.workers().get(0).pid();
			ProcessHandle.of(pid).orElseThrow().destroyForcibly();
			await().atMost(SOON).until(() -> python.workers().get(0).state() != WorkerState.READY);
			Path cancelled = directory.resolve("cancelled");
			CompletableFuture<Object> call = marks.callAsync("mark", cancelled.toString());
			assertThat(call).isNotDone(); // no worker to go to yet
			assertThat(call.cancel(true)).isTrue();
			await().atMost(SOON).until(() -> python.workers().get(0).state() == WorkerState.READY);
			// a later call reaches the new worker, and would find the cancelled one run before it
			assertThat(marks.call("mark", directory.resolve("later").toString())).isEqualTo(true);
			assertThat(directory.resolve("later")).exists();
			assertThat(cancelled).doesNotExist();
		}
	}

}
