package dev.esem.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import dev.esem.BatchedFunction;
import dev.esem.PyObject;
import dev.esem.PythonBridge;
import dev.esem.monitor.BridgeListener;

/**
 * The serving figures: a vectorised model with a fixed cost per call, called one row per
 * call with and without dynamic batching, and a CPU-bound replicated model on one and two
 * workers.
 */
final class ServingLoad {

	static final int FEATURES = 16;

	static final int CALLERS = 64;

	private static final int BURN_ITERATIONS = 40_000;

	private ServingLoad() {
	}

	/** Adds the serving figures; returns what the batch meters saw during one batched load run. */
	static String measure(String python, Path scripts, Rounds rounds, boolean quick, List<Figure> figures)
			throws Exception {
		int concurrentCalls = quick ? 2_000 : 6_000;
		int sequentialCalls = quick ? 300 : 1_000;
		BatchMeters meters = new BatchMeters();
		ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
		try (PythonBridge bridge = bridge(python, scripts, 1, meters)) {
			PyObject model = bridge.module("serving_bench").construct("LinearModel", FEATURES);
			BatchedFunction batched = model.batched("predict", 64, Duration.ofMillis(5));
			double[] row = row();
			progress("one row per call, 64 callers, with and without batching");
			double[] loaded = rounds.medians(
					() -> perSecond(callers, concurrentCalls, ignored -> model.call("predict_one", row)),
					() -> perSecond(callers, concurrentCalls, ignored -> batched.call(row)));
			figures.add(Figure.atLeast("64 callers of a model with a 0.5 ms fixed cost, one worker, @PythonBatch",
					loaded[1], "calls/s", "the same calls unbatched", loaded[0], 10));
			progress("one caller alone, with and without batching");
			double[] alone = rounds.medians(() -> sequentialMicros(sequentialCalls, () -> model.call("predict_one", row)),
					() -> sequentialMicros(sequentialCalls, () -> batched.call(row)));
			figures.add(Figure.atMost("one caller alone, batched", alone[1], "us", "the same call unbatched", alone[0],
					1.2));
			meters.reset();
			perSecond(callers, concurrentCalls, ignored -> batched.call(row));
			String load = meters.summary(concurrentCalls);
			model.release();
			progress("a replicated CPU-bound model on 1 and 2 workers");
			try (PythonBridge two = bridge(python, scripts, 2, null)) {
				PyObject one = bridge.module("serving_bench").constructReplicated("BurnModel", 3);
				PyObject both = two.module("serving_bench").constructReplicated("BurnModel", 3);
				int burns = quick ? 40 : 200;
				double[] m = rounds.medians(() -> burnPerSecond(one, burns), () -> burnPerSecond(both, burns));
				figures.add(Figure.atLeast("replicated CPU-bound model, 2 workers", m[1], "calls/s",
						"the same on 1 worker", m[0], 1.6));
			}
			return load;
		}
		finally {
			callers.shutdown();
		}
	}

	private static PythonBridge bridge(String python, Path scripts, int workers, BridgeListener listener) {
		PythonBridge.Builder builder = PythonBridge.builder()
			.python(python)
			.pythonPath(scripts)
			.workingDirectory(scripts)
			.workers(workers);
		if (listener != null) {
			builder.listener(listener);
		}
		return builder.build();
	}

	private static double[] row() {
		double[] row = new double[FEATURES];
		for (int i = 0; i < FEATURES; i++) {
			row[i] = i * 0.25;
		}
		return row;
	}

	/** Calls per second of {@code count} blocking calls made by the pool's threads at once. */
	private static double perSecond(ExecutorService callers, int count, Function<Integer, Object> call)
			throws Exception {
		AtomicInteger next = new AtomicInteger();
		List<CompletableFuture<Void>> loops = new ArrayList<>();
		long begin = System.nanoTime();
		for (int t = 0; t < CALLERS; t++) {
			loops.add(CompletableFuture.runAsync(() -> {
				for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
					call.apply(i);
				}
			}, callers));
		}
		CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)).join();
		return count / ((System.nanoTime() - begin) / 1e9);
	}

	private static double sequentialMicros(int count, Runnable call) {
		long begin = System.nanoTime();
		for (int i = 0; i < count; i++) {
			call.run();
		}
		return (System.nanoTime() - begin) / 1e3 / count;
	}

	private static double burnPerSecond(PyObject model, int count) throws Exception {
		int inFlight = 8;
		Semaphore window = new Semaphore(inFlight);
		AtomicReference<Throwable> failure = new AtomicReference<>();
		long begin = System.nanoTime();
		for (int i = 0; i < count; i++) {
			window.acquire();
			model.callAsync("burn", BURN_ITERATIONS).whenComplete((value, error) -> {
				if (error != null) {
					failure.compareAndSet(null, error);
				}
				window.release();
			});
		}
		window.acquire(inFlight);
		long elapsed = System.nanoTime() - begin;
		if (failure.get() != null) {
			throw new IllegalStateException("A benchmark call failed", failure.get());
		}
		return count / (elapsed / 1e9);
	}

	private static void progress(String step) {
		System.err.println("measuring " + step + "...");
	}

	/** What the starter's esem.batch.size and esem.batch.queue.wait meters would record. */
	private static final class BatchMeters implements BridgeListener {

		private final AtomicLong batches = new AtomicLong();

		private final AtomicLong items = new AtomicLong();

		private final AtomicLong largest = new AtomicLong();

		private final AtomicLong waitNanos = new AtomicLong();

		private final AtomicLong longestWait = new AtomicLong();

		@Override
		public void batchSent(String module, String target, int size, long[] queueWaitNanos) {
			this.batches.incrementAndGet();
			this.items.addAndGet(size);
			this.largest.accumulateAndGet(size, Math::max);
			for (long wait : queueWaitNanos) {
				this.waitNanos.addAndGet(wait);
				this.longestWait.accumulateAndGet(wait, Math::max);
			}
		}

		void reset() {
			this.batches.set(0);
			this.items.set(0);
			this.largest.set(0);
			this.waitNanos.set(0);
			this.longestWait.set(0);
		}

		String summary(int calls) {
			long count = Math.max(1, this.batches.get());
			return String.format("one load run of %,d calls by %d callers: esem.batch.size count %,d, mean %.1f, max %d;"
					+ " esem.batch.queue.wait count %,d, mean %.3f ms, max %.3f ms", calls, CALLERS,
					this.batches.get(), this.items.get() / (double) count, this.largest.get(), this.items.get(),
					this.waitNanos.get() / 1e6 / Math.max(1, this.items.get()), this.longestWait.get() / 1e6);
		}

	}

}
