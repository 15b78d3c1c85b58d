package dev.esem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import dev.esem.monitor.CallStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The call path under hostile load: blocked completion stages, queued calls that time
 * out, writes to a worker that does not read, huge stream batches, stuck batches,
 * callbacks that await, unknown names, escaped processes, the environment, huge empty
 * arrays and interrupted imports.
 */
class CallPathReliabilityTest {

	@Test
	void blockedCompletionStagesAndCallbacksDoNotStarveOtherCalls() throws Exception {
		try (PythonBridge python = TestBridges.builder().callTimeout(Duration.ofSeconds(2)).build()) {
			PyModule reliability = python.module("reliability.py");
			CountDownLatch release = new CountDownLatch(1);
			AtomicInteger blocked = new AtomicInteger();
			int blockers = 4 * Math.max(2, Runtime.getRuntime().availableProcessors());
			List<CompletableFuture<?>> stages = new ArrayList<>();
			// the calls end only once every stage is attached: a stage attached to a
			// completed future would run (and block) on this thread
			Path gate = Files.createTempDirectory("esem-gate-").resolve("open");
			gate.getParent().toFile().deleteOnExit(); // deleted after the gate, registered later
			gate.toFile().deleteOnExit();
			for (int i = 0; i < blockers; i++) {
				stages.add(reliability.callAsync("record_when_open", gate.toString(), "blocker").thenRun(() -> {
					blocked.incrementAndGet();
					awaitQuietly(release);
				}));
			}
			Files.createFile(gate);
			await().atMost(Duration.ofSeconds(20)).until(() -> blocked.get() == blockers);
			try {
				// an unrelated asynchronous call completes, and ends at its deadline
				assertThat(reliability.callAsync("record", "unrelated").get(10, TimeUnit.SECONDS)).isEqualTo("unrelated");
				CompletableFuture<Object> late = reliability.callAsync("sleep", 5);
				assertTimeoutPreemptively(Duration.ofSeconds(10),
						() -> assertThatThrownBy(late::join).hasCauseInstanceOf(PythonTimeoutException.class));
				// and a callback runs although every stage blocks
				assertThat(reliability.call("call_java", (Supplier<Object>) () -> "called back")).isEqualTo("called back");
			}
			finally {
				release.countDown();
			}
			CompletableFuture.allOf(stages.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
		}
	}

	@Test
	void aQueuedCallThatTimesOutIsDroppedUnstartedAndCostsNoWorker() throws Exception {
		try (PythonBridge python = TestBridges.builder().callTimeout(Duration.ofSeconds(30))
			.timeoutGrace(Duration.ofMillis(500))
			.build()) {
			PyModule reliability = python.module("reliability.py");
			long pid = python.workers().get(0).pid();
			CompletableFuture<Object> slow = reliability.callAsync("sleep", 4);
			assertThatThrownBy(() -> reliability.withTimeout(Duration.ofSeconds(1)).call("record", "queued"))
				.isInstanceOf(PythonTimeoutException.class);
			assertThat(slow.get(20, TimeUnit.SECONDS)).isEqualTo(4);
			assertThat(reliability.call("recorded")).isEqualTo(List.of());
			assertThat(python.workers().get(0).pid()).isEqualTo(pid);
		}
	}

	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void aCallerNeverBlocksInAWritePastItsDeadline(boolean replace) throws Exception {
		try (PythonBridge python = TestBridges.builder().callTimeout(Duration.ofSeconds(1))
			.replaceWorkerOnTimeout(replace)
			.timeoutGrace(Duration.ofSeconds(3))
			.shutdownTimeout(Duration.ofMillis(200))
			.build()) {
			PyModule reliability = python.module("reliability.py");
			long pid = python.workers().get(0).pid();
			byte[] big = new byte[4 << 20];
			signal("STOP", pid);
			try {
				long start = System.nanoTime();
				// the failure this guards against: the caller stuck in write() until the
				// worker is replaced (deadline + grace) or, without replacement, for ever
				assertTimeoutPreemptively(Duration.ofSeconds(20),
						() -> assertThatThrownBy(() -> reliability.call("echo_size", big))
							.isInstanceOf(PythonTimeoutException.class));
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(3500));
			}
			finally {
				ProcessHandle.of(pid).ifPresent(stopped -> signalQuietly("CONT", stopped.pid()));
			}
			assertThat(reliability.call("record", "after")).isEqualTo("after");
		}
	}

	@Test
	void streamBatchesAreBoundedInBytesAndNoItemIsLost() {
		try (PythonBridge python = TestBridges.builder().maxFrameBytes(1 << 20).build()) {
			PyModule reliability = python.module("reliability.py");
			List<Integer> sizes = IntStream.range(0, 100).mapToObj(i -> 64 * 1024).toList();
			try (Stream<Object> items = reliability.stream("blobs", sizes)) {
				List<Object> all = items.toList();
				assertThat(all).hasSize(100);
				for (int i = 0; i < all.size(); i++) {
					byte[] item = (byte[]) all.get(i);
					assertThat(item).hasSize(64 * 1024);
					assertThat(item[0]).isEqualTo((byte) (i % 256));
				}
			}
			// items that each fit but not together (the frame limit less its header)
			List<Integer> nearLimit = List.of(600 * 1024, 600 * 1024, 600 * 1024);
			try (Stream<Object> items = reliability.stream("blobs", nearLimit)) {
				assertThat(items.map(item -> ((byte[]) item).length).toList()).isEqualTo(nearLimit);
			}
		}
	}

	@Test
	void anItemOverTheFrameLimitFailsAtThatItem() {
		try (PythonBridge python = TestBridges.builder().maxFrameBytes(1 << 20).build()) {
			PyModule reliability = python.module("reliability.py");
			List<Object> arrived = new ArrayList<>();
			try (Stream<Object> items = reliability.stream("blobs", List.of(10, 20, 30, 2 << 20, 40))) {
				Iterator<Object> iterator = items.iterator();
				assertThatThrownBy(() -> iterator.forEachRemaining(arrived::add)).hasMessageContaining("max frame size");
			}
			assertThat(arrived).extracting(item -> ((byte[]) item).length).containsExactly(10, 20, 30);
			assertThat(reliability.call("record", "after")).isEqualTo("after");
		}
	}

	@Test
	void aStreamBatchStuckInCGetsItsWorkerReplaced() {
		try (PythonBridge python = TestBridges.builder().callTimeout(Duration.ofSeconds(1))
			.timeoutGrace(Duration.ofMillis(500))
			.build()) {
			PyModule reliability = python.module("reliability.py");
			long pid = python.workers().get(0).pid();
			try (Stream<Object> items = reliability.stream("yield_then_hold", 2_000_000_000)) {
				assertThatThrownBy(() -> items.forEach(item -> {
				})).isInstanceOf(PythonTimeoutException.class);
			}
			await().atMost(Duration.ofSeconds(20)).until(() -> python.workers().get(0).pid() != pid);
			assertThat(reliability.call("record", "after")).isEqualTo("after");
		}
	}

	@Test
	void aCallbackMayCallAnAsyncDefOnTheWorkerWaitingForIt() {
		try (PythonBridge python = TestBridges.builder().callTimeout(Duration.ofSeconds(10)).build()) {
			PyModule reliability = python.module("reliability.py");
			Supplier<Object> awaiting = () -> reliability.call("async_add", 1, 2);
			assertThat(reliability.call("call_java", awaiting)).isEqualTo(3);
		}
	}

	@Test
	void namesTheModuleDoesNotHaveNeverBecomeStatisticsTargets() {
		List<String> started = new ArrayList<>();
		try (PythonBridge python = TestBridges.builder().listener(new dev.esem.monitor.BridgeListener() {
			@Override
			public void callStarted(String module, String target) {
				started.add(target);
			}
		}).build()) {
			PyModule reliability = python.module("reliability.py");
			for (int i = 0; i < 50; i++) {
				String name = "no_such_" + i;
				assertThatThrownBy(() -> reliability.call(name)).isInstanceOf(PythonException.class);
			}
			reliability.call("record", "known");
			List<String> targets = python.callStats().stream().map(CallStats::target).toList();
			assertThat(targets).contains("record").noneMatch(target -> target.startsWith("no_such"));
			assertThat(Set.copyOf(targets)).hasSizeLessThan(5);
			assertThat(started).contains("record").noneMatch(target -> target.startsWith("no_such"));
		}
	}

	@Test
	void escapedProcessesDoNotOutliveClose() {
		List<Long> pids;
		try (PythonBridge python = TestBridges.builder().build()) {
			pids = pids(python.module("escapes").call("escape"));
			assertThat(pids).hasSize(3).allMatch(CallPathReliabilityTest::alive);
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> pids.stream().noneMatch(CallPathReliabilityTest::alive));
	}

	/**
	 * The worker package lives in a directory that this user's JVMs share and keep (see
	 * {@code WorkerDirectory}): it is no leftover. A killed JVM must leave nothing of its
	 * own behind: no process, no shared-memory file (a JVM's own copy of the package, made
	 * only when the shared one is not safe to use, is removed by the worker's reaper:
	 * {@code test_guardian}).
	 */
	@Test
	void escapedProcessesAndTheWorkersFilesDoNotOutliveAKilledJvm() throws Exception {
		Path sharedHome;
		try (PythonBridge python = TestBridges.builder().build()) {
			sharedHome = Path.of((String) python.module("reliability.py").call("worker_home"));
		}
		try (ChildJvm child = ChildJvm.start(EscapeMain.class, List.of())) {
			await().atMost(Duration.ofSeconds(60)).until(() -> child.valueOf("worker-pid=").isPresent());
			List<Long> pids = new ArrayList<>(
					pids(List.of(child.valueOf("escaped=").orElseThrow().replaceAll("[\\[\\] ]", "").split(","))));
			pids.add(Long.parseLong(child.valueOf("worker-pid=").orElseThrow()));
			assertThat(Path.of(child.valueOf("worker-home=").orElseThrow())).isEqualTo(sharedHome);
			assertThat(pids).allMatch(CallPathReliabilityTest::alive);
			String sharedMemory = "esem-" + child.process().pid() + "-";
			signal("KILL", child.process().pid());
			await().atMost(Duration.ofSeconds(5)).until(() -> pids.stream().noneMatch(CallPathReliabilityTest::alive));
			await().atMost(Duration.ofSeconds(5)).until(() -> filesStartingWith(Path.of("/dev/shm"), sharedMemory).isEmpty());
			assertThat(sharedHome.resolve("esem_worker")).isDirectory();
		}
	}

	private static List<Path> filesStartingWith(Path directory, String prefix) throws IOException {
		if (!Files.isDirectory(directory)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter(file -> file.getFileName().toString().startsWith(prefix)).toList();
		}
	}

	@Test
	void withoutInheritingTheEnvironmentWorkersGetOnlyWhatTheyNeed() {
		String secret = System.getenv().keySet().stream()
			.filter(name -> !Set.of("PATH", "HOME", "LANG", "TMPDIR", "TZ", "USER", "LOGNAME", "SYSTEMROOT").contains(name)
					&& !name.startsWith("LC_"))
			.findFirst()
			.orElseThrow();
		try (PythonBridge python = TestBridges.builder().inheritEnvironment(false).environment("ADDED", "yes").build()) {
			PyModule reliability = python.module("reliability.py");
			assertThat(reliability.call("getenv", secret)).isNull();
			assertThat(reliability.call("getenv", "ADDED")).isEqualTo("yes");
			// (a pyenv shim puts its own directories first)
			assertThat((String) reliability.call("getenv", "PATH")).endsWith(System.getenv("PATH"));
		}
		try (PythonBridge python = TestBridges.builder().build()) {
			assertThat(python.module("reliability.py").call("getenv", secret)).isEqualTo(System.getenv(secret));
		}
	}

	@Test
	void aZeroSizeArrayWithAHugeDimensionFailsTheCallClearly() {
		try (PythonBridge python = TestBridges.builder().build()) {
			PyModule reliability = python.module("reliability.py");
			long pid = python.workers().get(0).pid();
			assertThatThrownBy(() -> reliability.call("huge_empty")).isInstanceOf(PythonException.class)
				.hasMessageContaining("2147483648");
			assertThat(reliability.call("record", "after")).isEqualTo("after");
			assertThat(python.workers().get(0).pid()).isEqualTo(pid);
		}
	}

	@Test
	void aModuleWhoseFirstImportTimedOutIsImportedAgain() {
		try (PythonBridge python = TestBridges.builder().callTimeout(Duration.ofMillis(500))
			.replaceWorkerOnTimeout(false)
			.build()) {
			long pid = python.workers().get(0).pid();
			assertThatThrownBy(() -> python.module("slow_import.py")).isInstanceOf(RuntimeException.class);
			await().atMost(Duration.ofSeconds(10)).untilAsserted(
					() -> assertThat(python.module("slow_import.py").call("answer")).isEqualTo(42));
			assertThat(python.workers().get(0).pid()).isEqualTo(pid);
		}
	}

	@Test
	void aModuleWhoseFirstImportTimedOutLeavesNoModuleThatHoldsItsHalf() {
		try (PythonBridge python = TestBridges.builder().callTimeout(Duration.ofMillis(500))
			.replaceWorkerOnTimeout(false)
			.build()) {
			assertThatThrownBy(() -> python.module("circular_first")).isInstanceOf(RuntimeException.class);
			await().atMost(Duration.ofSeconds(10)).untilAsserted(
					() -> assertThat(python.module("circular_first").call("run")).isEqualTo(10));
		}
	}

	@Test
	void aModuleWhoseFirstImportFailedIsImportedAgain() {
		try (PythonBridge python = TestBridges.builder().build()) {
			assertThatThrownBy(() -> python.module("failing_import.py")).hasMessageContaining("first import fails");
			PyModule module = python.module("failing_import.py");
			assertThat(module.call("after")).isEqualTo("after");
		}
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static List<Long> pids(Object values) {
		return ((List<?>) values).stream().map(value -> Long.parseLong(String.valueOf(value))).toList();
	}

	private static boolean alive(long pid) {
		return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
	}

	private static void signalQuietly(String signal, long pid) {
		try {
			new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor();
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void signal(String signal, long pid) throws IOException, InterruptedException {
		assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor()).isZero();
	}

}
