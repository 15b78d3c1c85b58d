package dev.esem.benchmarks;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Arrays;

/**
 * Warm-up rounds, then measured rounds. The batches compared with each other run in
 * turn within each round, so that load from other processes on the machine hits a
 * figure and its floor alike; each figure is the median of its rounds.
 * <p>
 * Warming up goes on past the rounds asked for until it has lasted a second, and while
 * the JIT compilers still work through a round or the heap grew in it (up to
 * {@link #MAX_WARM_UPS} rounds in all). On two cores a round that shares them with the
 * compiler measures the compiler: a round of callback calls took 43–57 µs a call while C2
 * compiled, 19–27 µs otherwise. And a round that allocates in memory the heap has just
 * taken from the system measures the first touch of its pages: an 8 MB array took 2.9 ms
 * to allocate there, 0.4–0.6 ms in memory used before; in a JVM that had run nothing
 * else, the first rounds of 8 MB echoes took 2.2–2.8 ms an echo, the rounds after them
 * 1.7–2.1.
 */
final class Rounds {

	/** The most warm-up rounds, however busy the compilers stay. */
	static final int MAX_WARM_UPS = 10;

	/** Warming up takes at least this long (unless it takes {@link #MAX_WARM_UPS} rounds first). */
	static final long MIN_WARM_UP_NANOS = 1_000_000_000;

	/** A warm-up round in which the compilers worked for less than this share of its time ends the warm-up. */
	static final double QUIET_COMPILERS = 0.05;

	/** One batch of a figure: runs it and returns its value (time per call, calls per second...). */
	interface Batch {

		double run() throws Exception;

	}

	private final int warmUps;

	private final int rounds;

	Rounds(int warmUps, int rounds) {
		this.warmUps = warmUps;
		this.rounds = rounds;
	}

	/** The median of each batch over the measured rounds, in the order given. */
	double[] medians(Batch... batches) throws Exception {
		CompilationMXBean compilers = ManagementFactory.getCompilationMXBean();
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		boolean timed = compilers != null && compilers.isCompilationTimeMonitoringSupported();
		int warmUps = 0;
		boolean settling = true;
		long warmUpStart = System.nanoTime();
		while (warmUps < this.warmUps || ((settling || System.nanoTime() - warmUpStart < MIN_WARM_UP_NANOS)
				&& warmUps < MAX_WARM_UPS)) {
			long compiled = timed ? compilers.getTotalCompilationTime() : 0;
			long heap = memory.getHeapMemoryUsage().getCommitted();
			long begin = System.nanoTime();
			for (Batch batch : batches) {
				batch.run();
			}
			double roundMillis = (System.nanoTime() - begin) / 1e6;
			boolean compiling = timed && compilers.getTotalCompilationTime() - compiled >= QUIET_COMPILERS * roundMillis;
			settling = compiling || memory.getHeapMemoryUsage().getCommitted() > heap;
			warmUps++;
		}
		long compiledBefore = timed ? compilers.getTotalCompilationTime() : 0;
		double[][] samples = new double[batches.length][this.rounds];
		for (int round = 0; round < this.rounds; round++) {
			for (int b = 0; b < batches.length; b++) {
				samples[b][round] = batches[b].run();
			}
		}
		System.err.println("  " + warmUps + " warm-up rounds" + (timed
				? ", then " + (compilers.getTotalCompilationTime() - compiledBefore) + " ms of JIT compiling in the measured ones"
				: ""));
		double[] medians = new double[batches.length];
		for (int b = 0; b < batches.length; b++) {
			medians[b] = median(samples[b]);
		}
		return medians;
	}

	static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

}
