package dev.esem;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.esem.annotation.PythonBatch;
import dev.esem.annotation.PythonName;
import dev.esem.monitor.BridgeListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class BatchingTest {

	/** Callers of their own: the common pool may have a single thread on a small machine. */
	private static final ExecutorService callers = Executors.newFixedThreadPool(64);

	interface Serving {

		@PythonBatch(maxSize = 64, maxDelay = "10s")
		@PythonName("row_sums")
		double rowSums(double[] row);

		@PythonBatch(maxSize = 8, maxDelay = "10s")
		CompletableFuture<String> describe(double[] row);

		@PythonBatch
		long checked(long x);

		@PythonName("seen_batches")
		List<Long> seenBatches();

	}

	interface Model extends PythonInstance {

		@PythonBatch(maxDelay = "10s")
		@PythonName("predict_batch")
		List<Double> predict(double x);

	}

	interface Misdeclared {

		@PythonBatch
		int add(int a, int b);

	}

	/** A batched function whose calls all queue behind a first one, so the batches are known. */
	private static List<CompletableFuture<Object>> callsBehindAFirst(BatchedFunction slow, int count) {
		List<CompletableFuture<Object>> calls = new ArrayList<>();
		calls.add(slow.callAsync(0));
		for (int i = 1; i <= count; i++) {
			calls.add(slow.callAsync(i));
		}
		return calls;
	}

	@Test
	void concurrentCallsCoalesceAndEachCallerGetsItsOwnItem() {
		try (PythonBridge python = TestBridges.builder().build()) {
			PyModule serving = python.module("serving.py");
			BatchedFunction slow = serving.batched("slow_double", 64, Duration.ofSeconds(10));
			List<CompletableFuture<Object>> calls = callsBehindAFirst(slow, 10);
			for (int i = 0; i < calls.size(); i++) {
				assertThat(calls.get(i).join()).isEqualTo(2 * i);
			}
			assertThat(serving.call("seen_batches")).as("one alone, then the ten that queued behind it")
				.isEqualTo(List.of(1, 10));
			assertThat(slow.call(21)).isEqualTo(42);
		}
	}

	@Test
	void aFullBatchLeavesWithoutWaitingForAWorker() {
		try (PythonBridge python = TestBridges.builder().build()) {
			PyModule serving = python.module("serving.py");
			BatchedFunction slow = serving.batched("slow_double", 4, Duration.ofSeconds(10));
			callsBehindAFirst(slow, 8).forEach(CompletableFuture::join);
			assertThat(serving.call("seen_batches")).isEqualTo(List.of(1, 4, 4));
		}
	}

	@Test
	void aBatchNeverWaitsLongerThanMaxDelay(@TempDir Path dir) throws Exception {
		List<Integer> sent = new CopyOnWriteArrayList<>();
		BridgeListener listener = new BridgeListener() {
			@Override
			public void batchSent(String module, String target, int size, long[] queueWaitNanos) {
				assertThat(queueWaitNanos).hasSize(size);
				sent.add(size);
			}
		};
		Path flag = dir.resolve("go");
		try (PythonBridge python = TestBridges.builder().listener(listener).build()) {
			PyModule serving = python.module("serving.py");
			serving.call("set_gate", flag.toString());
			BatchedFunction gated = serving.batched("gated_double", 64, Duration.ofMillis(50));
			CompletableFuture<Object> first = gated.callAsync(1);
			// the first batch is in Python, waiting for the flag: the next three leave after maxDelay all the same
			List<CompletableFuture<Object>> queued = List.of(gated.callAsync(2), gated.callAsync(3), gated.callAsync(4));
			await().atMost(Duration.ofSeconds(10)).until(() -> sent.size() == 2);
			assertThat(first).isNotDone();
			assertThat(sent).containsExactly(1, 3);
			Files.createFile(flag);
			assertThat(first.join()).isEqualTo(2);
			assertThat(queued).extracting(CompletableFuture::join).containsExactly(4, 6, 8);
		}
	}

	@Test
	void anExceptionInstanceFailsItsCallerAloneAndARaiseFailsTheBatch() {
		try (PythonBridge python = TestBridges.builder().build()) {
			PyModule serving = python.module("serving.py");
			Serving typed = serving.bind(Serving.class);
			List<CompletableFuture<Long>> calls = new ArrayList<>();
			for (long x : new long[] { 1, -2, 3 }) {
				calls.add(CompletableFuture.supplyAsync(() -> typed.checked(x), callers));
			}
			assertThat(calls.get(0).join()).isEqualTo(10L);
			assertThat(calls.get(2).join()).isEqualTo(30L);
			assertThatThrownBy(calls.get(1)::join).hasCauseInstanceOf(PythonException.class)
				.hasMessageContaining("ValueError: negative input -2");

			BatchedFunction explode = serving.batched("explode", 64, Duration.ofSeconds(10));
			BatchedFunction slow = serving.batched("slow_double", 64, Duration.ofSeconds(10));
			CompletableFuture<Object> busy = slow.callAsync(1);
			List<CompletableFuture<Object>> doomed = List.of(explode.callAsync(1), explode.callAsync(2));
			assertThat(doomed).allSatisfy(call -> assertThatThrownBy(call::join)
				.hasCauseInstanceOf(PythonException.class)
				.hasMessageContaining("the model exploded on"));
			assertThat(busy.join()).isEqualTo(2);
			assertThat(slow.call(5)).as("later batches are unaffected").isEqualTo(10);
		}
	}

	@Test
	void aResultOfTheWrongShapeFailsEveryCallerNamingTheFunctionTheSizeAndWhatCameBack() {
		try (PythonBridge python = TestBridges.builder().build()) {
			PyModule serving = python.module("serving.py");
			BatchedFunction slow = serving.batched("slow_double", 64, Duration.ofSeconds(10));
			BatchedFunction shortFn = serving.batched("short", 64, Duration.ofSeconds(10));
			BatchedFunction scalar = serving.batched("scalar", 64, Duration.ofSeconds(10));
			CompletableFuture<Object> busy = slow.callAsync(1);
			List<CompletableFuture<Object>> shortCalls = List.of(shortFn.callAsync(1), shortFn.callAsync(2),
					shortFn.callAsync(3));
			for (CompletableFuture<Object> call : shortCalls) {
				assertThatThrownBy(call::join).hasCauseInstanceOf(PythonException.class)
					.hasMessageContaining("serving.short")
					.hasMessageContaining("batch of")
					.hasMessageContaining("one result per item");
			}
			assertThatThrownBy(() -> scalar.call(1)).isInstanceOf(PythonException.class)
				.hasMessageContaining("serving.scalar got a batch of 1 items and returned int 42, which is not a sequence");
			assertThat(busy.join()).isEqualTo(2);
			assertThat(slow.call(4)).isEqualTo(8);
			PyObject shortening = serving.construct("Shortening");
			assertThatThrownBy(() -> shortening.batched("predict", 8, Duration.ofMillis(1)).call(1))
				.isInstanceOf(PythonException.class)
				.hasMessageContaining("batched function serving.Shortening.predict got a batch of 1 items and returned "
						+ "list [] of 0");
			shortening.release();
		}
	}

	@Test
	void arrayItemsCrossAsOneStackedNdarrayAndTypedMethodsBatch() {
		try (PythonBridge python = TestBridges.builder().build()) {
			Serving typed = python.module("serving.py").bind(Serving.class);
			List<CompletableFuture<Double>> sums = new ArrayList<>();
			for (int i = 0; i < 32; i++) {
				double[] row = { i, i, 1 };
				sums.add(CompletableFuture.supplyAsync(() -> typed.rowSums(row), callers));
			}
			for (int i = 0; i < 32; i++) {
				assertThat(sums.get(i).join()).isEqualTo(2.0 * i + 1);
			}
			List<CompletableFuture<String>> kinds = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				kinds.add(typed.describe(new double[] { 1, 2, 3, 4 }));
			}
			assertThat(kinds.get(0).join()).startsWith("ndarray(").endsWith(", 4)");
			assertThat(typed.seenBatches()).as("32 items in fewer Python calls").hasSizeLessThan(32)
				.allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(64L));
		}
	}

	@Test
	void batchedMethodsOfReplicatedObjects() {
		try (PythonBridge python = TestBridges.builder().workers(2).build()) {
			Model model = python.module("serving.py").factory("Model", Model.class).replicated(3);
			List<CompletableFuture<List<Double>>> calls = new ArrayList<>();
			for (int i = 0; i < 40; i++) {
				double x = i;
				calls.add(CompletableFuture.supplyAsync(() -> model.predict(x), callers));
			}
			for (int i = 0; i < 40; i++) {
				assertThat(calls.get(i).join().get(1)).isEqualTo(3.0 * i);
			}
			model.release();
		}
	}

	@Test
	void eachCallerTimesOutFromItsOwnCallQueueIncluded(@TempDir Path dir) throws Exception {
		Path flag = dir.resolve("go");
		try (PythonBridge python = TestBridges.builder().build()) {
			PyModule serving = python.module("serving.py");
			serving.call("set_gate", flag.toString());
			BatchedFunction gated = serving.withTimeout(Duration.ofMillis(500)).batched("gated_double", 64,
					Duration.ofSeconds(30));
			CompletableFuture<Object> running = gated.callAsync(1);
			CompletableFuture<Object> queued = gated.callAsync(2);
			assertThatThrownBy(queued::join).as("a queued caller does not wait for maxDelay")
				.hasCauseInstanceOf(PythonTimeoutException.class);
			assertThatThrownBy(running::join).hasCauseInstanceOf(PythonTimeoutException.class);
			Files.createFile(flag);
			await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> gated.call(3).equals(6));
		}
	}

	@Test
	void aBatchedMethodTakesOneItem() {
		try (PythonBridge python = TestBridges.builder().build()) {
			Misdeclared misdeclared = python.module("serving.py").bind(Misdeclared.class);
			assertThatThrownBy(() -> misdeclared.add(1, 2)).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("takes one item");
		}
	}

}
