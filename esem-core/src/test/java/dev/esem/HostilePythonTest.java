package dev.esem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Python that forks, starts processes, sits in C and floods stderr stays contained. */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "fork, process groups and sleep are POSIX")
class HostilePythonTest {

	/** What the bridge promises for processes left behind by a killed JVM. */
	private static final Duration PROMISED = Duration.ofSeconds(5);

	private static final Duration SOON = Duration.ofSeconds(10);

	/** Whether the process has ended; a zombie (ended, not reaped by its new parent yet) has. */
	private static boolean gone(long pid) {
		if (ProcessHandle.of(pid).map(process -> !process.isAlive()).orElse(true)) {
			return true;
		}
		if (!Files.isDirectory(Path.of("/proc/self"))) {
			return false; // no /proc: the JDK's answer stands
		}
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
		}
		catch (IOException ex) {
			return true; // gone between the two looks
		}
	}

	private static void killQuietly(long pid) {
		ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
	}

	@Test
	void aForkedChildThatReturnsIntoTheServeLoopNeverAnswers() throws Exception {
		try (PythonBridge python = TestBridges.builder().workers(1).build()) {
			PyModule hostile = python.module("hostile");
			PyModule tools = python.module("tools.py");
			for (int i = 0; i < 5; i++) {
				assertThat(hostile.call("fork_and_return", i)).isEqualTo(i);
			}
			Set<String> refIds = ConcurrentHashMap.newKeySet();
			ExecutorService threads = Executors.newFixedThreadPool(8);
			try {
				List<Future<Integer>> checked = new ArrayList<>();
				for (int thread = 0; thread < 8; thread++) {
					int base = thread * 1000;
					checked.add(threads.submit(() -> {
						List<CompletableFuture<Object>> echoes = new ArrayList<>();
						int calls = 0;
						for (int i = 0; i < 50; i++) {
							int n = base + i;
							assertThat(tools.call("add", n, n)).isEqualTo(2 * n);
							echoes.add(tools.callAsync("echo", "value-" + n));
							try (PyObject calculator = tools.construct("Calculator", n)) {
								assertThat(refIds.add(calculator.refId())).as("ref id %s is new", calculator.refId())
									.isTrue();
								assertThat(calculator.call("add", 1)).isEqualTo(n + 1);
							}
							calls += 4;
						}
						for (int i = 0; i < echoes.size(); i++) {
							assertThat(echoes.get(i).join()).isEqualTo("value-" + (base + i));
						}
						return calls;
					}));
				}
				int calls = 0;
				for (Future<Integer> result : checked) {
					calls += result.get();
				}
				assertThat(calls).isEqualTo(1600);
				assertThat(refIds).hasSize(400);
			}
			finally {
				threads.shutdownNow();
			}
		}
	}

	@Test
	void aWorkersDeathIsSeenWhileAForkedChildOutsideItsGroupLives() {
		try (PythonBridge python = TestBridges.builder().workers(1).restartBackoff(Duration.ofMillis(20)).build()) {
			PyModule hostile = python.module("hostile");
			long child = ((Number) hostile.call("fork_lingering_child")).longValue();
			try {
				CompletableFuture<Object> inFlight = python.module("tools.py").callAsync("sleep", 30);
				await().atMost(SOON).until(() -> python.workers().get(0).inFlight() == 1);
				killQuietly(python.workers().get(0).pid());
				assertThat(inFlight).failsWithin(PROMISED)
					.withThrowableOfType(ExecutionException.class)
					.withCauseInstanceOf(PythonWorkerException.class);
				// and the child ends with it: on Linux the worker's reaper adopted it
				await().atMost(PROMISED).until(() -> gone(child));
			}
			finally {
				killQuietly(child);
			}
		}
	}

	@Test
	void multiprocessingWithTheForkStartMethodWorks() {
		try (PythonBridge python = TestBridges.builder().build()) {
			Object squares = python.module("hostile").call("pool_squares", 10);
			assertThat(squares).isEqualTo(List.of(0, 1, 4, 9, 16, 25, 36, 49, 64, 81));
			assertThat(python.module("tools.py").call("add", 1, 1)).isEqualTo(2);
		}
	}

	@Test
	void aSubprocessIsGoneAfterClose() {
		long sleeper;
		try (PythonBridge python = TestBridges.builder().build()) {
			sleeper = ((Number) python.module("hostile").call("start_sleeper")).longValue();
			assertThat(gone(sleeper)).isFalse();
		}
		try {
			await().atMost(PROMISED).until(() -> gone(sleeper));
		}
		finally {
			killQuietly(sleeper);
		}
	}

	@Test
	void aWorkerReplacedAfterATimeoutTakesEvenItsDaemonisedSubprocessesAlong() {
		try (PythonBridge python = TestBridges.builder().workers(1).callTimeout(Duration.ofMillis(500))
			.timeoutGrace(Duration.ofMillis(300))
			.build()) {
			PyModule hostile = python.module("hostile");
			long sleeper = ((Number) hostile.call("start_daemon")).longValue();
			assertThat(gone(sleeper)).isFalse();
			try {
				// stuck in one C call: not interrupted, so the worker is replaced after the grace
				CompletableFuture<Object> runaway = python.module("tools.py").callAsync("hold_gil", 20_000_000);
				assertThat(runaway).failsWithin(SOON)
					.withThrowableOfType(ExecutionException.class)
					.withCauseInstanceOf(PythonTimeoutException.class);
				await().atMost(PROMISED).until(() -> gone(sleeper));
			}
			finally {
				killQuietly(sleeper);
			}
		}
	}

	@Test
	void aBridgeStartedOnAThreadThatEndsKeepsItsWorkers() throws Exception {
		// On Linux a worker dies with the thread that started its process: the bridge
		// starts every process on its own launcher thread, whoever starts the bridge.
		PythonBridge[] started = new PythonBridge[1];
		Thread starter = new Thread(() -> started[0] = TestBridges.builder().workers(1).build());
		starter.start();
		starter.join();
		try (PythonBridge python = started[0]) {
			long pid = python.workers().get(0).pid();
			await().during(Duration.ofMillis(500)).atMost(SOON).until(() -> !gone(pid));
			assertThat(python.module("tools.py").call("pid")).isEqualTo((int) pid);
			assertThat(python.workers().get(0).restarts()).isZero();
		}
	}

	@Test
	void afterTheJvmsKillDashNineItsWorkersAndTheirChildrenAreGoneWithinFiveSeconds(@TempDir Path temp)
			throws Exception {
		List<ProcessHandle> tree = List.of();
		try (ChildJvm jvm = ChildJvm.start(BusyJvmMain.class, List.of(), temp.resolve("busy").toString())) {
			await().atMost(Duration.ofSeconds(30)).until(() -> jvm.valueOf("daemon=").isPresent()
					|| !jvm.process().isAlive());
			List<Long> workers = pids(jvm.valueOf("workers=").orElseThrow(() -> new AssertionError(jvm.lines())));
			List<Long> sleepers = pids(jvm.valueOf("sleepers=").orElseThrow());
			List<ProcessHandle> descendants = jvm.process().descendants().toList();
			assertThat(descendants).extracting(ProcessHandle::pid).containsAll(workers).containsAll(sleepers);
			tree = new ArrayList<>(descendants);
			tree.add(ProcessHandle.of(Long.parseLong(jvm.valueOf("daemon=").orElseThrow())).orElseThrow());
			jvm.process().destroyForcibly();
			jvm.process().waitFor();
			List<ProcessHandle> left = tree;
			await().atMost(PROMISED).until(() -> left.stream().allMatch(process -> gone(process.pid())));
		}
		finally {
			tree.forEach(ProcessHandle::destroyForcibly);
		}
	}

	@Test
	void aThreeHundredMegabyteStderrLineIsCutAndLaterOutputStillArrives() throws Exception {
		try (ChildJvm jvm = ChildJvm.start(StderrFloodMain.class, List.of("-Xmx64m"), "300")) {
			await().atMost(Duration.ofSeconds(40)).until(() -> jvm.valueOf("said=").isPresent()
					|| !jvm.process().isAlive());
			List<String> lines = jvm.lines();
			assertThat(jvm.valueOf("flooded=")).as("%s", lines).contains("300");
			assertThat(jvm.valueOf("said=")).contains("after the flood");
			assertThat(lines).anySatisfy(line -> assertThat(line).contains("[worker-1] xxxx")
				.contains("... [cut: " + (300 * 1048576 - 16 * 1024) + " bytes]")
				.hasSizeLessThan(17 * 1024));
			await().atMost(SOON).until(() -> jvm.lines().stream().anyMatch(line -> line.endsWith("[worker-1] after the flood")));
			assertThat(jvm.lines()).noneMatch(line -> line.contains("OutOfMemoryError"));
			jvm.process().getOutputStream().close();
			assertThat(jvm.process().waitFor(SOON.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).isTrue();
			assertThat(jvm.process().exitValue()).isZero();
		}
	}

	private static List<Long> pids(String list) {
		return Arrays.stream(list.split(",")).map(String::trim).map(Long::valueOf).toList();
	}

}
