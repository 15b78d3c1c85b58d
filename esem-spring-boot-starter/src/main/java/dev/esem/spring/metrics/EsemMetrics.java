package dev.esem.spring.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.esem.PythonBridge;
import dev.esem.monitor.BridgeListener;
import dev.esem.monitor.CallOutcome;
import dev.esem.monitor.LeakReport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Micrometer meters of a {@link PythonBridge}:
 * <ul>
 * <li>{@code esem.calls} (timer; tags {@code module}, {@code target}, {@code outcome}:
 * {@code success}, {@code python_error}, {@code timeout}, {@code worker_error}),</li>
 * <li>{@code esem.calls.active} (gauge: calls in flight),</li>
 * <li>{@code esem.registry.size} (gauge: live Python instances that Java holds handles
 * to),</li>
 * <li>{@code esem.instances.leaked} (counter: instances collected without release),</li>
 * <li>{@code esem.workers.restarts} (counter: worker processes replaced),</li>
 * <li>{@code esem.batch.size} (distribution summary; tags {@code module}, {@code target}:
 * the items of each batch a batched function sent),</li>
 * <li>{@code esem.batch.queue.wait} (timer; same tags: how long each item waited for its
 * batch to leave).</li>
 * </ul>
 */
public class EsemMetrics implements MeterBinder {

	private final PythonBridge bridge;

	public EsemMetrics(PythonBridge bridge) {
		this.bridge = bridge;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("esem.calls.active", this.bridge, PythonBridge::activeCalls)
			.description("Python calls sent and not ended yet")
			.register(registry);
		Gauge.builder("esem.registry.size", this.bridge, PythonBridge::liveObjects)
			.description("Live Python instances in all workers that Java holds handles to")
			.register(registry);
		Counter leaked = Counter.builder("esem.instances.leaked")
			.description("Python instances collected in Java without release (and released by the bridge)")
			.register(registry);
		Counter restarts = Counter.builder("esem.workers.restarts")
			.description("Python worker processes replaced after they died, timed out or were recycled")
			.register(registry);
		this.bridge.addListener(new MeterListener(registry, leaked, restarts));
	}

	/** Turns bridge events into meters; keeps the call timers so a call looks its timer up once. */
	private static final class MeterListener implements BridgeListener {

		private final MeterRegistry registry;

		private final Counter leaked;

		private final Counter restarts;

		private final Map<CallKey, Timer> timers = new ConcurrentHashMap<>();

		private final Map<BatchKey, BatchMeters> batches = new ConcurrentHashMap<>();

		MeterListener(MeterRegistry registry, Counter leaked, Counter restarts) {
			this.registry = registry;
			this.leaked = leaked;
			this.restarts = restarts;
		}

		@Override
		public void callEnded(String module, String target, CallOutcome outcome, long nanos) {
			this.timers.computeIfAbsent(new CallKey(module, target, outcome), this::timer)
				.record(nanos, TimeUnit.NANOSECONDS);
		}

		private Timer timer(CallKey key) {
			return Timer.builder("esem.calls")
				.description("Python calls: functions, methods and constructions")
				.tag("module", String.valueOf(key.module()))
				.tag("target", String.valueOf(key.target()))
				.tag("outcome", key.outcome().tag())
				.register(this.registry);
		}

		@Override
		public void batchSent(String module, String target, int size, long[] queueWaitNanos) {
			BatchMeters meters = this.batches.computeIfAbsent(new BatchKey(module, target), this::batchMeters);
			meters.size().record(size);
			for (long wait : queueWaitNanos) {
				meters.queueWait().record(wait, TimeUnit.NANOSECONDS);
			}
		}

		private BatchMeters batchMeters(BatchKey key) {
			return new BatchMeters(DistributionSummary.builder("esem.batch.size")
				.description("Items per batch that a batched Python function sent")
				.baseUnit("items")
				.tag("module", String.valueOf(key.module()))
				.tag("target", String.valueOf(key.target()))
				.register(this.registry),
					Timer.builder("esem.batch.queue.wait")
						.description("How long each call of a batched Python function waited for its batch to leave")
						.tag("module", String.valueOf(key.module()))
						.tag("target", String.valueOf(key.target()))
						.register(this.registry));
		}

		@Override
		public void workerRestarted(int workerId, String reason) {
			this.restarts.increment();
		}

		@Override
		public void instanceLeaked(LeakReport leak) {
			this.leaked.increment();
		}

	}

	private record CallKey(String module, String target, CallOutcome outcome) {
	}

	private record BatchKey(String module, String target) {
	}

	private record BatchMeters(DistributionSummary size, Timer queueWait) {
	}

}
