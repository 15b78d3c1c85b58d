package dev.esem.internal.stats;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

import dev.esem.internal.worker.CallTarget;
import dev.esem.monitor.CallOutcome;
import dev.esem.monitor.CallStats;

/** Counts calls per target: count, failures, total and longest latency. Lock-free. */
final class CallRecorder {

	private final Map<CallTarget, Totals> totals = new ConcurrentHashMap<>();

	private final AtomicInteger active = new AtomicInteger();

	void started() {
		this.active.incrementAndGet();
	}

	void ended(CallTarget target, CallOutcome outcome, long nanos) {
		this.active.decrementAndGet();
		Totals entry = this.totals.computeIfAbsent(target, key -> new Totals());
		entry.count.increment();
		if (outcome != CallOutcome.SUCCESS) {
			entry.failures.increment();
		}
		entry.nanos.add(nanos);
		entry.max.accumulate(nanos);
	}

	int active() {
		return this.active.get();
	}

	List<CallStats> snapshot() {
		List<CallStats> stats = new ArrayList<>();
		this.totals.forEach((target, entry) -> {
			long count = entry.count.sum();
			stats.add(new CallStats(target.module(), target.target(), count, entry.failures.sum(),
					Duration.ofNanos((count == 0) ? 0 : entry.nanos.sum() / count), Duration.ofNanos(entry.max.get())));
		});
		return stats;
	}

	private static final class Totals {

		final LongAdder count = new LongAdder();

		final LongAdder failures = new LongAdder();

		final LongAdder nanos = new LongAdder();

		final LongAccumulator max = new LongAccumulator(Math::max, 0);

	}

}
