package dev.esem;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Python iterables, generators and async generators streamed to Java. */
class StreamsTest {

	interface Flows {

		Stream<Integer> count(int n);

		@dev.esem.annotation.PythonName("count")
		Iterator<Long> countIterator(int n);

		@dev.esem.annotation.PythonName("count")
		Iterable<Double> countIterable(int n);

		Stream<Integer> acount(int n, double delay);

	}

	private static PythonBridge python;

	private static PyModule flows;

	@BeforeAll
	static void start() {
		python = TestBridges.builder().build();
		flows = python.module("flows.py");
	}

	@AfterAll
	static void stop() {
		python.close();
	}

	@Test
	void limitOnAnInfiniteGeneratorWorksAndClosingRunsItsFinally() {
		try (Stream<Object> items = flows.stream("forever")) {
			assertThat(items.limit(10).collect(Collectors.toList())).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> ((List<?>) flows.call("closed_names")).contains("forever"));
	}

	@Test
	void aStreamReadToItsEndFreesItsPythonSide() {
		int before = python.liveObjects();
		assertThat(flows.stream("count", 5000).mapToInt(item -> (Integer) item).sum()).isEqualTo(4999 * 5000 / 2);
		await().atMost(Duration.ofSeconds(5)).until(() -> python.liveObjects() == before);
	}

	@Test
	void theFirstItemOfASlowGeneratorArrivesAsSoonAsItIsYielded() {
		long start = System.nanoTime();
		Iterator<Object> items = flows.stream("slow", 3, 0.5).iterator();
		assertThat(items.next()).isEqualTo(0);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(900));
		assertThat(items.next()).isEqualTo(1);
		assertThat(items.next()).isEqualTo(2);
		assertThat(items.hasNext()).isFalse();
	}

	@Test
	void anExceptionMidStreamIsThrownAtThatItem() {
		Iterator<Object> items = flows.stream("fails_after", 3).iterator();
		assertThat(items.next()).isEqualTo(0);
		assertThat(items.next()).isEqualTo(1);
		assertThat(items.next()).isEqualTo(2);
		assertThatThrownBy(items::hasNext).isInstanceOf(PythonException.class)
			.hasMessageContaining("broken after 3")
			.satisfies(ex -> assertThat(((PythonException) ex).pythonType()).isEqualTo("ValueError"));
	}

	@Test
	void aWorkerDyingMidStreamThrowsPythonWorkerException() {
		try (PythonBridge own = TestBridges.builder().restartBackoff(Duration.ofMillis(20)).build()) {
			Iterator<Object> items = own.module("flows.py").stream("dies_after", 2).iterator();
			assertThat(items.next()).isEqualTo(0);
			assertThat(items.next()).isEqualTo(1);
			assertThatThrownBy(items::hasNext).isInstanceOf(PythonWorkerException.class).hasMessageContaining("died");
		}
	}

	@Test
	void anUnclosedUnreachableStreamIsReleasedAndReportedAsALeak() {
		long leaks = python.leakCount();
		WeakReference<Iterator<Object>> dropped = new WeakReference<>(startedAndDropped());
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			System.gc();
			return dropped.get() == null && python.leakCount() > leaks;
		});
		await().atMost(Duration.ofSeconds(5)).until(() -> ((List<?>) flows.call("closed_names")).size() >= 1);
	}

	private static Iterator<Object> startedAndDropped() {
		Iterator<Object> items = flows.stream("forever").iterator();
		assertThat(items.next()).isEqualTo(0);
		return items;
	}

	@Test
	void otherCallsToTheWorkerGoOnBetweenBatches() {
		CompletableFuture<List<Object>> slow = CompletableFuture
			.supplyAsync(() -> flows.stream("slow", 4, 0.25).collect(Collectors.toList()));
		await().atMost(Duration.ofSeconds(2)).until(() -> python.workers().get(0).inFlight() > 0);
		long start = System.nanoTime();
		assertThat(flows.call("sleep", 0)).isEqualTo(0);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(400));
		assertThat(slow.join()).containsExactly(0, 1, 2, 3);
	}

	@Test
	void anAsyncGeneratorStreams() {
		assertThat(flows.stream("acount", 25, 0.001).collect(Collectors.toList())).hasSize(25).startsWith(0, 1, 2);
	}

	@Test
	void anyIterablePythonObjectStreams() {
		try (PyObject bag = flows.construct("Bag", 1, "two", 3.5)) {
			assertThat(bag.stream().collect(Collectors.toList())).containsExactly(1, "two", 3.5);
		}
	}

	@Test
	void typedMethodsReturnStreamsIteratorsAndIterablesOfTheirItemType() {
		Flows typed = flows.bind(Flows.class);
		assertThat(typed.count(4).collect(Collectors.toList())).containsExactly(0, 1, 2, 3);
		Iterator<Long> longs = typed.countIterator(3);
		assertThat(longs.next()).isEqualTo(0L);
		List<Double> doubles = new java.util.ArrayList<>();
		typed.countIterable(3).forEach(doubles::add);
		assertThat(doubles).containsExactly(0.0, 1.0, 2.0);
		assertThat(typed.acount(3, 0.0).collect(Collectors.toList())).containsExactly(0, 1, 2);
	}

}
