package dev.esem.benchmarks;

import java.nio.file.Path;
import java.util.List;

import dev.esem.spring.metrics.EsemMetrics;
import dev.esem.spring.observation.EsemCallObservations;
import dev.esem.spring.observation.EsemCallsMeterHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationHandler.FirstMatchingCompositeObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.micrometer.tracing.propagation.Propagator;
import io.micrometer.tracing.test.simple.SimpleTracer;

/**
 * The sequential call as the Spring Boot starter observes it: with its meters but no
 * tracer (what an application without tracing runs), and with a tracer, each call an
 * {@code esem.call} span whose W3C {@code traceparent} crosses with the request.
 */
final class TracedCalls {

	private TracedCalls() {
	}

	/**
	 * The sequential call of {@code plain} (no observer), against the same call observed
	 * without a tracer and with one, each on a bridge of its own, in interleaved rounds.
	 */
	static List<Figure> figures(String python, Path scripts, EsemLoad plain, Rounds rounds, int calls)
			throws Exception {
		try (EsemLoad metered = new EsemLoad(python, scripts, 1); EsemLoad traced = new EsemLoad(python, scripts, 1)) {
			withMetrics(metered);
			SimpleTracer tracer = withTracer(traced);
			double[] m = rounds.medians(() -> plain.sequentialMicros(calls), () -> metered.sequentialMicros(calls),
					() -> tracedSequentialMicros(traced, tracer, calls));
			return List.of(
					Figure.info("esem sequential call, observed, no tracer (starter meters)", m[1], "us",
							"esem sequential call, not observed", m[0]),
					Figure.info("esem sequential call, traced (esem.call span, traceparent sent)", m[2], "us",
							"esem sequential call, not observed", m[0]));
		}
	}

	/** Observes the calls of {@code load} as the starter does with metrics and no tracer. */
	static void withMetrics(EsemLoad load) {
		new EsemMetrics(load.bridge).bindTo(new SimpleMeterRegistry());
	}

	/** Observes the calls of {@code load} with metrics and a tracer, spans under a current one. */
	static SimpleTracer withTracer(EsemLoad load) {
		SimpleTracer tracer = new SimpleTracer();
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig()
			.observationHandler(new EsemCallsMeterHandler(new SimpleMeterRegistry()))
			.observationHandler(new FirstMatchingCompositeObservationHandler(
					new PropagatingSenderTracingObservationHandler<>(tracer, new W3cPropagator()),
					new DefaultTracingObservationHandler(tracer)));
		load.bridge.addListener(new EsemCallObservations(observations));
		return tracer;
	}

	/** Microseconds per blocking call inside a current span, {@code count} in a row. */
	static double tracedSequentialMicros(EsemLoad load, SimpleTracer tracer, int count) {
		Span request = tracer.nextSpan().name("request").start();
		try (Tracer.SpanInScope scope = tracer.withSpan(request)) {
			return load.sequentialMicros(count);
		}
		finally {
			request.end();
			tracer.getSpans().clear(); // the test tracer keeps every span: drop them between rounds
		}
	}

	/** Writes the W3C traceparent from the test tracer's ids (64-bit trace ids padded to 128). */
	private static final class W3cPropagator implements Propagator {

		@Override
		public List<String> fields() {
			return List.of("traceparent");
		}

		@Override
		public <C> void inject(TraceContext context, C carrier, Setter<C> setter) {
			String traceId = "0".repeat(Math.max(0, 32 - context.traceId().length())) + context.traceId();
			setter.set(carrier, "traceparent", "00-" + traceId + "-" + context.spanId() + "-01");
		}

		@Override
		public <C> Span.Builder extract(C carrier, Getter<C> getter) {
			throw new UnsupportedOperationException();
		}

	}

}
