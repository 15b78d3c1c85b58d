package dev.esem.spring.observation;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.MeterObservationHandler;
import io.micrometer.observation.Observation;

/**
 * Derives the {@code esem.calls} timer (tags {@code module}, {@code target},
 * {@code outcome}) from the {@code esem.call} observations: the one source of the call
 * meters. Among the meter handlers of an observation registry it comes before
 * Micrometer's {@code DefaultMeterObservationHandler}, which then makes no
 * {@code esem.call} timer of its own.
 */
public class EsemCallsMeterHandler implements MeterObservationHandler<EsemCallContext> {

	private static final String START = EsemCallsMeterHandler.class.getName() + ".start";

	private final MeterRegistry registry;

	private final Map<CallKey, Timer> timers = new ConcurrentHashMap<>();

	public EsemCallsMeterHandler(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void onStart(EsemCallContext context) {
		context.put(START, this.registry.config().clock().monotonicTime());
	}

	@Override
	public void onStop(EsemCallContext context) {
		Long start = context.get(START);
		if (start == null) {
			return;
		}
		long nanos = this.registry.config().clock().monotonicTime() - start;
		this.timers.computeIfAbsent(new CallKey(context.module(), context.target(), context.outcome()), this::timer)
			.record(nanos, TimeUnit.NANOSECONDS);
	}

	private Timer timer(CallKey key) {
		return Timer.builder("esem.calls")
			.description("Python calls: functions, methods and constructions")
			.tag("module", String.valueOf(key.module()))
			.tag("target", String.valueOf(key.target()))
			.tag("outcome", key.outcome())
			.register(this.registry);
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof EsemCallContext;
	}

	private record CallKey(String module, String target, String outcome) {
	}

}
