package dev.esem;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;

import dev.esem.monitor.BridgeListener;
import dev.esem.monitor.WorkerState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Crashes, kills, runaways, limits and shutdowns against real workers. */
class FaultInjectionTest {

	private static final Duration SOON = Duration.ofSeconds(10);

	private static PythonBridge.Builder fastRestarts() {
		return TestBridges.builder().restartBackoff(Duration.ofMillis(20));
	}

	private static long workerPid(PythonBridge python) {
		return python.workers().get(0).pid();
	}

	private static void awaitReady(PythonBridge python) {
		await().atMost(SOON).until(() -> python.workers().stream().allMatch(w -> w.state() == WorkerState.READY));
	}

	@Test
	void aCrashInACallFailsThatCallAndThePoolHeals() {
		try (PythonBridge python = fastRestarts().build()) {
			PyModule tools = python.module("tools.py");
			long before = workerPid(python);
			assertThatThrownBy(() -> tools.call("crash", 7)).isInstanceOf(PythonWorkerException.class)
				.hasMessageContaining("died")
				.hasMessageContaining("exit code 7");
			assertThat(tools.call("add", 1, 2)).isEqualTo(3);
			assertThat(tools.call("pid")).isNotEqualTo(before);
			assertThat(python.workers().get(0).restarts()).isEqualTo(1);
		}
	}

	@Test
	void killDashNineFailsAllTwentyCallsInFlightAndThePoolHeals() {
		try (PythonBridge python = fastRestarts().build()) {
			PyModule tools = python.module("tools.py");
			long pid = workerPid(python);
			List<CompletableFuture<Object>> inFlight = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				inFlight.add(tools.callAsync("sleep", 30));
			}
			await().atMost(SOON).until(() -> python.workers().get(0).inFlight() == 20);
			ProcessHandle.of(pid).orElseThrow().destroyForcibly();
			for (CompletableFuture<Object> call : inFlight) {
				assertThat(call).failsWithin(SOON)
					.withThrowableOfType(ExecutionException.class)
					.withCauseInstanceOf(PythonWorkerException.class)
					.withMessageContaining("SIGKILL");
			}
			await().atMost(SOON).untilAsserted(() -> assertThat(tools.call("add", 2, 2)).isEqualTo(4));
			assertThat(workerPid(python)).isNotEqualTo(pid);
		}
	}

	@Test
	void aWorkersDeathIsSeenFromItsExitWhileAChildItForkedHoldsItsOutputOpen() {
		try (PythonBridge python = fastRestarts().build()) {
			PyModule tools = python.module("tools.py");
			long pid = workerPid(python);
			long start = System.nanoTime();
			assertThatThrownBy(() -> tools.call("crash_leaving_child", 30)).isInstanceOf(PythonWorkerException.class)
				.hasMessageContaining("exit code 3");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
			await().atMost(SOON).untilAsserted(() -> assertThat(tools.call("add", 2, 2)).isEqualTo(4));
			assertThat(workerPid(python)).isNotEqualTo(pid);
		}
	}

	@Test
	void activeCallsReturnToZeroAfterCrashesWithCallsArrivingMeanwhile() throws Exception {
		try (PythonBridge python = fastRestarts().restartMaxAttempts(50).build()) {
			PyModule tools = python.module("tools.py");
			for (int crash = 0; crash < 5; crash++) {
				List<CompletableFuture<Object>> calls = new ArrayList<>();
				calls.add(tools.callAsync("crash", 7));
				for (int i = 0; i < 200; i++) {
					calls.add(tools.callAsync("add", i, 1));
				}
				calls.forEach(call -> call.handle((value, failure) -> null).join());
				awaitReady(python);
			}
			await().atMost(SOON).until(() -> python.activeCalls() == 0);
		}
	}

	@Test
	void aListenerMayCloseTheBridgeWhenAWorkerRestarts() {
		AtomicReference<PythonBridge> bridge = new AtomicReference<>();
		CountDownLatch closed = new CountDownLatch(1);
		PythonBridge python = fastRestarts().listener(new BridgeListener() {
			@Override
			public void workerRestarted(int workerId, String reason) {
				bridge.get().close();
				closed.countDown();
			}
		}).build();
		bridge.set(python);
		PyModule tools = python.module("tools.py");
		long pid = workerPid(python);
		assertThatThrownBy(() -> tools.call("crash", 7)).isInstanceOf(PythonWorkerException.class);
		await().atMost(SOON).until(() -> closed.getCount() == 0);
		assertThat(python.workers()).allSatisfy(worker -> assertThat(worker.state()).isEqualTo(WorkerState.STOPPED));
		assertThatThrownBy(() -> tools.call("add", 1, 2)).isInstanceOf(PythonWorkerException.class)
			.hasMessageContaining("closed");
		await().atMost(SOON).until(() -> ProcessHandle.of(pid).isEmpty());
	}

	@Test
	void aRunawayCallIsInterruptedAtItsTimeoutAndTheSameWorkerServesOn() {
		try (PythonBridge python = fastRestarts().callTimeout(Duration.ofSeconds(1)).build()) {
			PyModule tools = python.module("tools.py");
			long pid = workerPid(python);
			CompletableFuture<Object> runaway = tools.callAsync("sleep", 600);
			assertThat(runaway).failsWithin(SOON)
				.withThrowableOfType(ExecutionException.class)
				.withCauseInstanceOf(PythonTimeoutException.class)
				.withMessageContaining("tools.sleep timed out after 1s");
			assertThat(tools.call("add", 2, 3)).isEqualTo(5);
			assertThat(workerPid(python)).isEqualTo(pid);
			assertThat(python.callStats()).anySatisfy(stats -> {
				assertThat(stats.target()).isEqualTo("sleep");
				assertThat(stats.failures()).isEqualTo(1);
			});
		}
	}

	@Test
	void objectsOfARestartedWorkerAreStaleAndFailAtOnceNamingTheirRef() {
		try (PythonBridge python = fastRestarts().build()) {
			PyModule tools = python.module("tools.py");
			PyObject calculator = tools.construct("Calculator", 1);
			assertThatThrownBy(() -> tools.call("crash", 1)).isInstanceOf(PythonWorkerException.class);
			awaitReady(python);
			assertThatThrownBy(() -> calculator.call("add", 1)).isInstanceOf(PythonWorkerException.class)
				.hasMessageContaining(calculator.refId())
				.hasMessageContaining("has ended");
			assertThatThrownBy(() -> tools.call("counter_total", calculator))
				.isInstanceOf(PythonWorkerException.class)
				.hasMessageContaining(calculator.refId());
			PyObject fresh = tools.construct("Calculator", 1);
			assertThat(fresh.refId()).isNotEqualTo(calculator.refId());
			assertThat(fresh.call("add", 1)).isEqualTo(2);
			calculator.release();
			fresh.release();
		}
	}

	@Test
	void exhaustedRestartsFailCallsFastWithTheReason() {
		try (PythonBridge python = fastRestarts().restartMaxAttempts(2).build()) {
			PyModule tools = python.module("tools.py");
			for (int crash = 0; crash < 3; crash++) {
				awaitReady(python);
				assertThatThrownBy(() -> tools.call("crash", 9)).isInstanceOf(PythonWorkerException.class);
			}
			await().atMost(SOON).until(() -> python.workers().get(0).state() == WorkerState.FAILED);
			assertThatThrownBy(() -> tools.call("add", 1, 1)).isInstanceOf(PythonWorkerException.class)
				.hasMessageContaining("restarts are exhausted")
				.hasMessageContaining("max-attempts=2");
		}
	}

	@Test
	void oversizeValuesFailThatCallInEitherDirection() {
		try (PythonBridge python = TestBridges.builder().maxFrameBytes(1024 * 1024).build()) {
			PyModule tools = python.module("tools.py");
			assertThatThrownBy(() -> tools.call("echo", "x".repeat(2 * 1024 * 1024)))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("max frame size");
			assertThatThrownBy(() -> tools.call("big_string", 2 * 1024 * 1024))
				.isInstanceOf(PythonFrameTooLargeException.class)
				.hasMessageContaining("max frame size");
			assertThat(tools.call("echo", "x".repeat(500_000))).asString().hasSize(500_000);
			assertThat(tools.call("add", 1, 1)).isEqualTo(2);
			assertThat(python.workers().get(0).restarts()).isZero();
		}
	}

	@Test
	void overDeepValuesFailThatCallInEitherDirection() {
		try (PythonBridge python = TestBridges.builder().build()) {
			PyModule tools = python.module("tools.py");
			List<Object> deep = new ArrayList<>();
			List<Object> cursor = deep;
			for (int i = 0; i < 100_000; i++) {
				List<Object> next = new ArrayList<>();
				cursor.add(next);
				cursor = next;
			}
			assertThatThrownBy(() -> tools.call("echo", deep)).isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("deeper than the limit");
			assertThatThrownBy(() -> tools.call("nested", 100_000)).isInstanceOf(PythonException.class)
				.hasMessageContaining("depth");
			assertThat(tools.call("nested", 3)).isEqualTo(List.of(List.of(List.of(List.of()))));
			assertThat(tools.call("add", 1, 1)).isEqualTo(2);
			assertThat(python.workers().get(0).restarts()).isZero();
		}
	}

	@Test
	void closeWaitsForCallsInFlightThenFailsTheRest() {
		PythonBridge python = TestBridges.builder().shutdownTimeout(Duration.ofMillis(300)).build();
		PyModule tools = python.module("tools.py");
		CompletableFuture<Object> quick = tools.callAsync("sleep", 0.05);
		CompletableFuture<Object> stuck = tools.callAsync("sleep", 60);
		python.close();
		assertThat(quick).isCompletedWithValue(0.05);
		assertThat(stuck).failsWithin(SOON)
			.withThrowableOfType(ExecutionException.class)
			.withCauseInstanceOf(PythonWorkerException.class)
			.withMessageContaining("closed");
		assertThat(TestBridges.liveWorkers(ProcessHandle.current().pid())).isEmpty();
	}

	@Test
	void aHundredOpenCloseCyclesLeaveNoPythonProcess() {
		for (int i = 0; i < 100; i++) {
			try (PythonBridge python = TestBridges.builder().build()) {
				assertThat(python.module("tools.py").call("add", i, 1)).isEqualTo(i + 1);
			}
		}
		assertThat(TestBridges.liveWorkers(ProcessHandle.current().pid())).isEmpty();
	}

	@Test
	void aWorkerExitsByItselfWhenItsParentJvmIsKilled() throws Exception {
		Process parent = startJvm(ParentDeathMain.class);
		long workerPid = readWorkerPid(parent);
		assertThat(ProcessHandle.of(workerPid)).isPresent();
		parent.destroyForcibly();
		parent.waitFor();
		await().atMost(SOON).until(() -> ProcessHandle.of(workerPid).map(p -> !p.isAlive()).orElse(true));
	}

	@Test
	void aShortProgramThatNeverClosesTheBridgeExitsAndTakesItsWorkersAlong() throws Exception {
		Process program = startJvm(ShortProgramMain.class);
		long workerPid = readWorkerPid(program);
		await().atMost(SOON).until(() -> !program.isAlive());
		assertThat(program.exitValue()).isZero();
		await().atMost(SOON).until(() -> ProcessHandle.of(workerPid).map(p -> !p.isAlive()).orElse(true));
	}

	private static Process startJvm(Class<?> main) throws java.io.IOException {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		return new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"), main.getName(),
				TestBridges.python(), TestBridges.fixtures().toString())
			.redirectErrorStream(true)
			.start();
	}

	/** Reads the child's output up to its worker-pid line, then drains the rest in the background. */
	private static long readWorkerPid(Process child) throws java.io.IOException {
		BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
		String line;
		do {
			line = out.readLine();
		}
		while (line != null && !line.startsWith("worker-pid="));
		assertThat(line).as("the child JVM's worker pid line").isNotNull();
		Thread drainer = new Thread(() -> {
			try {
				out.lines().forEach(ignored -> {
				});
			}
			catch (java.io.UncheckedIOException ex) {
				// the child was destroyed and its output closed under the drainer
			}
		});
		drainer.setDaemon(true);
		drainer.start();
		return Long.parseLong(line.substring("worker-pid=".length()));
	}

	@Test
	void bigIntegersBeyondSixtyFourBitsCrossBothWays() {
		try (PythonBridge python = TestBridges.builder().build()) {
			BigInteger big = BigInteger.TEN.pow(50);
			assertThat(python.module("tools.py").call("add", big, 1)).isEqualTo(big.add(BigInteger.ONE));
		}
	}

}
