package dev.esem.benchmarks;

import java.lang.management.ManagementFactory;

/** Bytes allocated on the Java heap, by this thread and by every live thread. */
final class Allocations {

	private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	private Allocations() {
	}

	static long thisThread() {
		return THREADS.getCurrentThreadAllocatedBytes();
	}

	/** The sum over live threads (bytes of threads that ended meanwhile are missed). */
	static long allThreads() {
		long total = 0;
		for (long bytes : THREADS.getThreadAllocatedBytes(THREADS.getAllThreadIds())) {
			if (bytes > 0) {
				total += bytes;
			}
		}
		return total;
	}

	/** Bytes per call of {@code calls} runs of {@code body}: [this thread, all threads]. */
	static double[] perCall(int calls, Rounds.Batch body) throws Exception {
		long mine = thisThread();
		long all = allThreads();
		body.run();
		return new double[] { (thisThread() - mine) / (double) calls, (allThreads() - all) / (double) calls };
	}

}
