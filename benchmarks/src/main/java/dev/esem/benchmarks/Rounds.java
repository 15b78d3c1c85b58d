package dev.esem.benchmarks;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * Warm-up rounds, then measured rounds. The batches compared with each other run in
 * turn within each round, so that load from other processes on the machine hits a
 * figure and its floor alike; each figure is the median of its rounds.
 * <p>
 * Warming up goes on past the rounds asked for while the JIT compilers still work through
 * a round (up to {@link #MAX_WARM_UPS} in all): on two cores a round that shares them with
 * the compiler measures the compiler (a round of callback calls took 43–57 µs a call
 * while C2 compiled, 19–22 µs after).
 */
final class Rounds {

	/** The most warm-up rounds, however busy the compilers stay. */
	static final int MAX_WARM_UPS = 10;

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
		boolean timed = compilers != null && compilers.isCompilationTimeMonitoringSupported();
		int warmUps = 0;
		boolean compiling = true;
		while (warmUps < this.warmUps || (compiling && warmUps < MAX_WARM_UPS)) {
			long compiled = timed ? compilers.getTotalCompilationTime() : 0;
			long begin = System.nanoTime();
			for (Batch batch : batches) {
				batch.run();
			}
			double roundMillis = (System.nanoTime() - begin) / 1e6;
			compiling = timed && compilers.getTotalCompilationTime() - compiled >= QUIET_COMPILERS * roundMillis;
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
