package dev.esem.benchmarks;

import java.util.Arrays;

/**
 * Warm-up rounds, then measured rounds. The batches compared with each other run in
 * turn within each round, so that load from other processes on the machine hits a
 * figure and its floor alike; each figure is the median of its rounds.
 */
final class Rounds {

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
		for (int i = 0; i < this.warmUps; i++) {
			for (Batch batch : batches) {
				batch.run();
			}
		}
		double[][] samples = new double[batches.length][this.rounds];
		for (int round = 0; round < this.rounds; round++) {
			for (int b = 0; b < batches.length; b++) {
				samples[b][round] = batches[b].run();
			}
		}
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
