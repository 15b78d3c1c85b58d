package dev.esem.spring.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.esem.PythonBridge;
import dev.esem.monitor.BridgeListener;
import dev.esem.monitor.LeakReport;
import dev.esem.spring.observation.EsemCallObservations;
import dev.esem.spring.observation.EsemCallsMeterHandler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.observation.ObservationRegistry;

/**
 * Micrometer meters of a {@link PythonBridge}:
 * <ul>
 * <li>{@code esem.calls} (timer; tags {@code module}, {@code target}, {@code outcome}:
 * {@code success}, {@code python_error}, {@code timeout}, {@code worker_error},
 * {@code cancelled}),</li>
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
 * The {@code esem.calls} timer is derived from the {@code esem.call} observations by
 * {@link EsemCallsMeterHandler}: those of the application's observation registry, or,
 * without one, of a registry of its own that only times calls.
 */
public class EsemMetrics implements MeterBinder {

	private final PythonBridge bridge;

	private final boolean observeCalls;

	/** Meters of {@code bridge}, its calls timed through observations of its own. */
	public EsemMetrics(PythonBridge bridge) {
		this(bridge, true);
	}

	/**
	 * @param observeCalls whether to observe calls here, for their timer; {@code false}
	 * when the application's observation registry observes them (and an
	 * {@link EsemCallsMeterHandler} there times them)
	 */
	public EsemMetrics(PythonBridge bridge, boolean observeCalls) {
		this.bridge = bridge;
		this.observeCalls = observeCalls;
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
		if (this.observeCalls) {
			ObservationRegistry calls = ObservationRegistry.create();
			calls.observationConfig().observationHandler(new EsemCallsMeterHandler(registry));
			this.bridge.addListener(new EsemCallObservations(calls));
		}
	}

	/** Turns bridge events into meters. */
	private static final class MeterListener implements BridgeListener {

		private final Counter leaked;

		private final Counter restarts;

		private final MeterRegistry registry;

		private final Map<BatchKey, BatchMeters> batches = new ConcurrentHashMap<>();

		MeterListener(MeterRegistry registry, Counter leaked, Counter restarts) {
			this.registry = registry;
			this.leaked = leaked;
			this.restarts = restarts;
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

	private record BatchKey(String module, String target) {
	}

	private record BatchMeters(DistributionSummary size, Timer queueWait) {
	}

}
