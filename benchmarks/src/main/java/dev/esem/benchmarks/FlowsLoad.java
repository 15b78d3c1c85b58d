package dev.esem.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import dev.esem.PyModule;

/** Streams, overlapping awaits and callbacks, timed on the benchmark bridge's {@code flows_bench} module. */
final class FlowsLoad {

	private final PyModule flows;

	FlowsLoad(EsemLoad esem) {
		this.flows = esem.bridge.module("flows_bench");
	}

	/** Milliseconds to stream {@code n} ints to Java and sum them. */
	double streamMillis(int n) {
		long begin = System.nanoTime();
		long sum = this.flows.stream("numbers", n).mapToLong(item -> ((Number) item).longValue()).sum();
		check(sum, n);
		return (System.nanoTime() - begin) / 1e6;
	}

	/** Milliseconds to return {@code n} ints as one list and sum them. */
	double listMillis(int n) {
		long begin = System.nanoTime();
		long sum = ((List<?>) this.flows.call("number_list", n)).stream()
			.mapToLong(item -> ((Number) item).longValue())
			.sum();
		check(sum, n);
		return (System.nanoTime() - begin) / 1e6;
	}

	private static void check(long sum, int n) {
		if (sum != (long) n * (n - 1) / 2) {
			throw new IllegalStateException("The items differ from the ints sent");
		}
	}

	/** Milliseconds until {@code calls} concurrent {@code await asyncio.sleep(seconds)} calls have all ended. */
	double concurrentNapsMillis(int calls, double seconds) {
		long begin = System.nanoTime();
		List<CompletableFuture<Object>> naps = new ArrayList<>(calls);
		for (int i = 0; i < calls; i++) {
			naps.add(this.flows.callAsync("nap", seconds));
		}
		naps.forEach(CompletableFuture::join);
		return (System.nanoTime() - begin) / 1e6;
	}

	/** Microseconds per blocking call that invokes one Java callback. */
	double callbackMicros(int count) {
		Function<Object, Object> increment = value -> ((Integer) value) + 1;
		long begin = System.nanoTime();
		for (int i = 0; i < count; i++) {
			this.flows.call("apply", increment, i);
		}
		return (System.nanoTime() - begin) / 1e3 / count;
	}

	/** Microseconds per plain blocking call of the same module. */
	double plainMicros(int count) {
		long begin = System.nanoTime();
		for (int i = 0; i < count; i++) {
			this.flows.call("add", i, 1);
		}
		return (System.nanoTime() - begin) / 1e3 / count;
	}

}
