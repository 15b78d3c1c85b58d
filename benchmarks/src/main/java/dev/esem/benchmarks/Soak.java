package dev.esem.benchmarks;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.esem.PyObject;
import dev.esem.monitor.WorkerInfo;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Soak mode (one million calls leave Java heap, worker memory and the
 * registry where they started). Each iteration makes a blocking call and an instance
 * cycle (construct + method call + release); every tenth also a burst of async calls.
 * Samples heap after GC, worker RSS and registry size as it goes.
 */
final class Soak {

	private static final int BURST = 10;

	/**
	 * One sample.
	 *
	 * @param iterations iterations done
	 * @param calls calls made (construct, method calls and releases included)
	 * @param seconds time since the start
	 * @param heapBytes Java heap used after GC
	 * @param workerRssBytes the worker's resident memory
	 * @param registrySize live instances in the worker's registry
	 * @param workerPid the worker's pid (a change means it was restarted)
	 */
	record Sample(long iterations, long calls, double seconds, long heapBytes, long workerRssBytes, int registrySize,
			long workerPid) {
	}

	private final String python;

	private final long iterations;

	private final int samples;

	Soak(String python, long iterations, int samples) {
		this.python = python;
		this.iterations = iterations;
		this.samples = samples;
	}

	/** Runs the soak, prints the samples and the verdict; returns whether memory stayed flat. */
	boolean run(File json) throws Exception {
		Path scripts = Scripts.extract();
		List<Sample> taken = new ArrayList<>();
		long every = Math.max(1, this.iterations / this.samples);
		long calls = 0;
		long begin = System.nanoTime();
		System.out.printf("soak: %,d iterations, a sample every %,d%n", this.iterations, every);
		System.out.printf("%12s %14s %9s %12s %14s %9s%n", "iterations", "calls", "seconds", "heap (KiB)",
				"worker RSS (KiB)", "registry");
		try (EsemLoad esem = new EsemLoad(this.python, scripts, 1)) {
			taken.add(sample(esem, 0, 0, begin));
			for (long i = 1; i <= this.iterations; i++) {
				calls += iteration(esem, i);
				if (i % every == 0 || i == this.iterations) {
					taken.add(sample(esem, i, calls, begin));
				}
			}
			boolean flat = verdict(taken, esem);
			if (json != null) {
				Map<String, Object> root = new LinkedHashMap<>();
				root.put("machine", Machine.of(this.python));
				root.put("samples", taken);
				root.put("flat", flat);
				JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValue(json, root);
			}
			return flat;
		}
	}

	private static int iteration(EsemLoad esem, long i) {
		int calls = 4;
		esem.bench.call("add", i, 1);
		try (PyObject counter = esem.bench.construct("Counter", i)) {
			counter.call("add", 1);
		}
		if (i % 10 == 0) {
			List<CompletableFuture<Object>> burst = new ArrayList<>(BURST);
			for (int k = 0; k < BURST; k++) {
				burst.add(esem.bench.callAsync("add", i, k));
			}
			burst.forEach(CompletableFuture::join);
			calls += BURST;
		}
		return calls;
	}

	private static Sample sample(EsemLoad esem, long iterations, long calls, long begin) throws Exception {
		for (int i = 0; i < 3; i++) {
			System.gc();
			Thread.sleep(50); // lets the Cleaner release what became unreachable
		}
		long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
		WorkerInfo worker = esem.bridge.ping(Duration.ofSeconds(10), new HashMap<>()).get(0);
		Sample sample = new Sample(iterations, calls, (System.nanoTime() - begin) / 1e9, heap, rss(worker.pid()),
				worker.registrySize(), worker.pid());
		System.out.printf("%,12d %,14d %9.1f %,12d %,14d %9d%n", iterations, calls, sample.seconds(), heap / 1024,
				sample.workerRssBytes() / 1024, sample.registrySize());
		return sample;
	}

	/** The resident set size of a process, from {@code /proc/<pid>/status} (Linux). */
	private static long rss(long pid) throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
			}
		}
		return -1;
	}

	/**
	 * Flat: the last sample is within a small tolerance of the first one after warm-up
	 * (the second sample), and the worker was never replaced.
	 */
	private static boolean verdict(List<Sample> samples, EsemLoad esem) {
		Sample first = samples.get(Math.min(1, samples.size() - 1));
		Sample last = samples.get(samples.size() - 1);
		boolean heap = last.heapBytes() <= first.heapBytes() + Math.max(2 << 20, first.heapBytes() / 10);
		boolean rss = last.workerRssBytes() <= first.workerRssBytes() + Math.max(1 << 20, first.workerRssBytes() / 20);
		boolean registry = last.registrySize() == first.registrySize();
		boolean sameWorker = samples.stream().allMatch(sample -> sample.workerPid() == first.workerPid());
		boolean noLeaks = esem.bridge.leakCount() == 0 && esem.bridge.activeCalls() == 0;
		System.out.printf("%nheap %s (%+,d KiB), worker RSS %s (%+,d KiB), registry %s (%d -> %d), worker %s, "
				+ "leaks/active calls %s%n", flat(heap), (last.heapBytes() - first.heapBytes()) / 1024, flat(rss),
				(last.workerRssBytes() - first.workerRssBytes()) / 1024, flat(registry), first.registrySize(),
				last.registrySize(), sameWorker ? "never restarted" : "RESTARTED", noLeaks ? "none" : "SOME");
		boolean flat = heap && rss && registry && sameWorker && noLeaks;
		System.out.println(flat ? "verdict: FLAT" : "verdict: NOT FLAT");
		return flat;
	}

	private static String flat(boolean flat) {
		return flat ? "flat" : "GREW";
	}

}
