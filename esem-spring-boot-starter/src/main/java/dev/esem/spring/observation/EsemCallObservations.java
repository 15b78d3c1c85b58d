package dev.esem.spring.observation;

import dev.esem.monitor.BridgeListener;
import dev.esem.monitor.CallObservation;
import dev.esem.monitor.CallOutcome;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

/**
 * Wraps each Python call in a Micrometer {@link Observation} named {@code esem.call}:
 * low-cardinality keys {@code module}, {@code target} and {@code outcome}; high-cardinality
 * keys {@code worker} and, for a call to a Python object, {@code ref} (its ref id). It starts on the calling thread, so its span is
 * a child of the one current there, and ends when the call ends. With a no-op registry
 * calls are not observed at all.
 */
public class EsemCallObservations implements BridgeListener {

	/** The observation's name. */
	public static final String NAME = "esem.call";

	private final ObservationRegistry registry;

	public EsemCallObservations(ObservationRegistry registry) {
		this.registry = registry;
	}

	@Override
	public CallObservation observeCall(String module, String target, String worker, String refId) {
		if (this.registry.isNoop()) {
			return null;
		}
		EsemCallContext context = new EsemCallContext(module, target, worker);
		Observation observation = Observation.createNotStarted(NAME, () -> context, this.registry)
			.contextualName("python " + module + "." + target)
			.lowCardinalityKeyValue("module", String.valueOf(module))
			.lowCardinalityKeyValue("target", String.valueOf(target))
			.highCardinalityKeyValue("worker", worker);
		if (refId != null) {
			observation.highCardinalityKeyValue("ref", refId);
		}
		observation.start();
		return new Observed(observation, context);
	}

	private record Observed(Observation observation, EsemCallContext context) implements CallObservation {

		@Override
		public String traceparent() {
			return this.context.traceparent();
		}

		@Override
		public void ended(CallOutcome outcome, Throwable failure) {
			this.context.outcome(outcome.tag());
			this.context.addLowCardinalityKeyValues(KeyValues.of("outcome", outcome.tag()));
			if (failure != null) {
				this.observation.error(failure);
			}
			this.observation.stop();
		}

	}

}
