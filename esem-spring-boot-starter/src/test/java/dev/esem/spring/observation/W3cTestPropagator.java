package dev.esem.spring.observation;

import java.util.List;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.propagation.Propagator;

/**
 * Writes W3C {@code traceparent} for the test tracer, whose 64-bit trace ids are padded
 * to 128 bits as Brave pads its own.
 */
class W3cTestPropagator implements Propagator {

	static String traceId(TraceContext context) {
		return "0".repeat(32 - context.traceId().length()) + context.traceId();
	}

	@Override
	public List<String> fields() {
		return List.of("traceparent");
	}

	@Override
	public <C> void inject(TraceContext context, C carrier, Setter<C> setter) {
		setter.set(carrier, "traceparent", "00-" + traceId(context) + "-" + context.spanId() + "-01");
	}

	@Override
	public <C> Span.Builder extract(C carrier, Getter<C> getter) {
		throw new UnsupportedOperationException("the bridge only sends");
	}

}
