package dev.esem;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Large binary segments through the worker's shared memory (Linux): they arrive whole,
 * what either side keeps never changes afterwards, the pipe takes over while the area is
 * busy, and nothing stays behind when a worker dies.
 */
class SharedMemoryTest {

	PythonBridge python;

	PyModule kept;

	@BeforeEach
	void start() {
		this.python = TestBridges.builder().build();
		this.kept = this.python.module("kept_arrays.py");
	}

	@AfterEach
	void stop() {
		this.python.close();
	}

	static NDArray filled(int n, double value) {
		double[] values = new double[n];
		java.util.Arrays.fill(values, value);
		return NDArray.of(values);
	}

	@Test
	void largeArraysCrossBothWaysThroughSharedMemory() throws IOException {
		NDArray array = filled(1_000_000, 0.5);
		assertThat(this.kept.call("keep", array)).isEqualTo(1);
		assertThat(this.kept.call("filled", 1_000_000, 2.5)).isEqualTo(filled(1_000_000, 2.5));
		// the header counts one segment each way: neither went through the pipe
		assertThat(consumedCounts()).containsExactly(1L, 1L);
		// the application's data: readable by its user alone
		Path file = Path.of(sharedDescriptorOf(this.python.workers().get(0).pid()).orElseThrow());
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
	}

	@Test
	void anArrayPythonKeepsNeverChangesWhenTheAreaIsReused() {
		this.kept.call("keep", filled(500_000, 1.0));
		this.kept.call("keep", filled(500_000, 2.0)); // written where the first one was
		this.kept.call("keep", new byte[300_000]);
		assertThat(this.kept.call("kept_sum", 0)).isEqualTo(500_000.0);
		assertThat(this.kept.call("kept_sum", 1)).isEqualTo(1_000_000.0);
	}

	@Test
	void anArrayJavaReceivedNeverChangesWhenPythonChangesItsOwn() {
		NDArray first = (NDArray) this.kept.call("returned_then_changed", 300_000);
		this.kept.call("change_returned");
		this.kept.call("filled", 300_000, 9.0); // reuses the area the first one came through
		assertThat(first.toDoubleArray()[299_999]).isEqualTo(299_999.0);
		assertThat(first.toDoubleArray()[0]).isEqualTo(0.0);
	}

	@Test
	void regionsAreFreedOnceNothingInPythonRefersToThem() throws IOException {
		this.kept.call("keep", filled(500_000, 3.0));
		for (int i = 0; i < 70; i++) { // 280 MB through a 64 MiB area, 64 slots: only if each is freed after its call
			assertThat(this.kept.call("total", filled(500_000, i))).isEqualTo(500_000.0 * i);
		}
		assertThat(consumedCounts().get(0)).isEqualTo(71L); // every one through shared memory
		assertThat(this.kept.call("kept_sum", 0)).isEqualTo(1_500_000.0);
	}

	@Test
	void anArrayReturnedAsReceivedGoesBackWhereItLiesAndKeepsItsValues() throws IOException {
		NDArray sent = filled(1_000_000, 0.25);
		CompletableFuture<Object> echoed = this.kept.callAsync("keep_and_return", sent);
		// queued right behind: changes the array Python kept, the very one it returned
		CompletableFuture<Object> changed = this.kept.callAsync("change_kept", 0);
		assertThat(echoed.join()).isEqualTo(sent);
		assertThat(changed.join()).isEqualTo(-1_000_000.0);
		assertThat(consumedCounts()).containsExactly(1L, 1L);
		// the worker sent it where Java had put it: in the Java to Python area
		long offset = headerLong(3072);
		assertThat(offset).isBetween(4096L, 4096L + (64L << 20));
	}

	@Test
	void manyLargeCallsInFlightShareTheAreaAndThePipe() {
		List<CompletableFuture<Object>> echoes = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			echoes.add(this.kept.callAsync("filled", 200_000 + i, (double) i));
		}
		for (int i = 0; i < 12; i++) {
			assertThat(echoes.get(i).join()).isEqualTo(filled(200_000 + i, i));
		}
	}

	@Test
	void aCrashedWorkerLeavesNoFileAndNoMapping() throws Exception {
		this.kept.call("keep", filled(1_000_000, 0.5));
		long pid = this.python.workers().get(0).pid();
		String name = sharedFileOf(pid).orElseThrow();
		assertThat(Path.of(name)).doesNotExist(); // unlinked as soon as the worker opened it
		assertThat(mappingsOfThisJvm()).anyMatch(line -> line.contains(name));
		ProcessHandle.of(pid).orElseThrow().destroyForcibly();
		await().atMost(Duration.ofSeconds(20)).until(() -> {
			System.gc();
			return mappingsOfThisJvm().noneMatch(line -> line.contains(name));
		});
		assertThat(Path.of(name)).doesNotExist();
		// the pool's next worker has shared memory of its own
		assertThat(this.kept.call("keep", filled(1_000_000, 0.5))).isEqualTo(1);
		assertThat(sharedFileOf(this.python.workers().get(0).pid())).isPresent().get().isNotEqualTo(name);
	}

	/**
	 * The shared segments the worker has taken (Java to Python) and Java has read
	 * (Python to Java), from the file's header.
	 */
	private List<Long> consumedCounts() throws IOException {
		return List.of(headerLong(0), headerLong(8));
	}

	private long headerLong(int at) throws IOException {
		long pid = this.python.workers().get(0).pid();
		String fd = sharedDescriptorOf(pid).orElseThrow();
		try (RandomAccessFile file = new RandomAccessFile(fd, "r")) {
			byte[] bytes = new byte[8];
			file.seek(at);
			file.readFully(bytes);
			return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
		}
	}

	/** The name of the shared-memory file that the worker {@code pid} holds open. */
	private static Optional<String> sharedFileOf(long pid) throws IOException {
		Optional<String> fd = sharedDescriptorOf(pid);
		if (fd.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(Files.readSymbolicLink(Path.of(fd.get())).toString().replace(" (deleted)", ""));
	}

	private static Optional<String> sharedDescriptorOf(long pid) throws IOException {
		try (Stream<Path> fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
			return fds.filter(fd -> {
				try {
					return Files.readSymbolicLink(fd).toString().startsWith("/dev/shm/esem-");
				}
				catch (IOException ex) {
					return false;
				}
			}).map(Path::toString).findFirst();
		}
	}

	private static Stream<String> mappingsOfThisJvm() throws IOException {
		return Files.readAllLines(Path.of("/proc/self/maps")).stream();
	}

}
