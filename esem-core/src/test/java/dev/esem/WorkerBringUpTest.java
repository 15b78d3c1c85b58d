package dev.esem;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.esem.monitor.WorkerInfo;
import dev.esem.monitor.WorkerState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A worker that cannot even be launched again is retried like one that crashed. */
class WorkerBringUpTest {

	@Test
	void aRestartWhoseLaunchFailsIsRetriedWithBackoffAndTheWorkerComesBack(@TempDir Path dir) throws Exception {
		Path workingDirectory = Files.createDirectory(dir.resolve("work"));
		try (PythonBridge python = TestBridges.builder().workingDirectory(workingDirectory)
			.restartBackoff(Duration.ofMillis(50)).restartMaxAttempts(1000).build()) {
			PyModule tools = python.module("tools.py");
			long first = python.workers().get(0).pid();
			Files.delete(workingDirectory);
			ProcessHandle.of(first).orElseThrow().destroyForcibly();
			List<WorkerState> seen = new ArrayList<>();
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				WorkerInfo slot = python.workers().get(0);
				if (slot.restarts() > 0) {
					seen.add(slot.state());
				}
				return slot.restarts() >= 3 && slot.lastFailure() != null
						&& slot.lastFailure().contains("is not a directory");
			});
			assertThat(seen).doesNotContain(WorkerState.FAILED, WorkerState.READY);
			Files.createDirectory(workingDirectory);
			await().atMost(Duration.ofSeconds(30)).until(() -> python.workers().get(0).state() == WorkerState.READY);
			assertThat(tools.call("add", 1, 2)).isEqualTo(3);
			assertThat(python.workers().get(0).pid()).isNotEqualTo(first);
		}
	}

}
