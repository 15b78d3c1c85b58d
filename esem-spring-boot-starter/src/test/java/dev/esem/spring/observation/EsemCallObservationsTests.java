package dev.esem.spring.observation;

import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.esem.PyModule;
import dev.esem.PyObject;
import dev.esem.PythonBridge;
import dev.esem.PythonException;
import dev.esem.spring.TestPython;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler.FirstMatchingCompositeObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.micrometer.tracing.test.simple.SimpleSpan;
import io.micrometer.tracing.test.simple.SimpleTracer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Each call is an {@code esem.call} observation: a span under the current one, whose
 * trace reaches Python's log records, and the {@code esem.calls} timer, handled as
 * Spring Boot groups handlers (meter handlers first-matching, tracing handlers
 * first-matching).
 */
class EsemCallObservationsTests {

	private final SimpleTracer tracer = new SimpleTracer();

	private final MeterRegistry meters = new SimpleMeterRegistry();

	private final ObservationRegistry observations = ObservationRegistry.create();

	private final ListAppender<ILoggingEvent> pythonLogs = new ListAppender<>();

	private final Logger tracedLogger = (Logger) LoggerFactory.getLogger("dev.esem.python.traced");

	@BeforeEach
	void setUp() {
		this.observations.observationConfig()
			.observationHandler(new FirstMatchingCompositeObservationHandler(new EsemCallsMeterHandler(this.meters),
					new DefaultMeterObservationHandler(this.meters)))
			.observationHandler(new FirstMatchingCompositeObservationHandler(
					new PropagatingSenderTracingObservationHandler<>(this.tracer, new W3cTestPropagator()),
					new DefaultTracingObservationHandler(this.tracer)));
		this.pythonLogs.start();
		this.tracedLogger.addAppender(this.pythonLogs);
	}

	@AfterEach
	void tearDown() {
		this.tracedLogger.detachAppender(this.pythonLogs);
	}

	@Test
	void aCallIsASpanUnderTheCurrentOneAndItsPythonRecordsCarryItsTrace() throws Exception {
		try (PythonBridge bridge = bridge()) {
			bridge.addListener(new EsemCallObservations(this.observations));
			PyModule traced = bridge.module("traced.py");
			Observation request = Observation.start("http.server.requests", this.observations);
			try (Observation.Scope scope = request.openScope()) {
				assertThat(traced.call("quote", 21)).isEqualTo(42);
				assertThatExceptionOfType(PythonException.class).isThrownBy(() -> traced.call("fail", "no rate"));
			}
			request.stop();
			List<SimpleSpan> calls = this.tracer.getSpans().stream().filter(span -> span.getName().startsWith("python ")).toList();
			assertThat(calls).hasSize(2);
			SimpleSpan parent = this.tracer.getSpans().stream()
				.filter(span -> span.getName().equals("http.server.requests"))
				.findFirst()
				.orElseThrow();
			SimpleSpan quote = calls.get(0);
			assertThat(quote.getName()).isEqualTo("python traced.quote");
			assertThat(quote.getTraceId()).isEqualTo(parent.getTraceId());
			assertThat(quote.getParentId()).isEqualTo(parent.getSpanId());
			assertThat(quote.getTags()).containsEntry("module", "traced")
				.containsEntry("target", "quote")
				.containsEntry("outcome", "success")
				.containsEntry("worker", "worker-1");
			SimpleSpan fail = calls.get(1);
			assertThat(fail.getTags()).containsEntry("outcome", "python_error");
			assertThat(fail.getError()).isInstanceOf(PythonException.class);
			String traceId = "0".repeat(32 - parent.getTraceId().length()) + parent.getTraceId();
			assertThat(this.pythonLogs.list).hasSize(2);
			ILoggingEvent quoting = this.pythonLogs.list.get(0);
			assertThat(quoting.getFormattedMessage()).isEqualTo("[worker-1] quoting 21");
			assertThat(quoting.getMDCPropertyMap()).containsEntry("traceId", traceId)
				.containsEntry("spanId", quote.getSpanId());
			ILoggingEvent failure = this.pythonLogs.list.get(1);
			assertThat(failure.getFormattedMessage()).isEqualTo("[worker-1] could not quote");
			assertThat(failure.getThrowableProxy().getClassName()).isEqualTo(PythonException.class.getName());
			assertThat(failure.getMDCPropertyMap()).containsEntry("traceId", traceId)
				.containsEntry("spanId", fail.getSpanId());
		}
	}

	@Test
	void theCallTimerIsDerivedFromTheObservationUnderItsOwnNameAndTags() throws Exception {
		try (PythonBridge bridge = bridge()) {
			bridge.addListener(new EsemCallObservations(this.observations));
			PyModule traced = bridge.module("traced.py");
			traced.call("quote", 1);
			assertThatExceptionOfType(PythonException.class).isThrownBy(() -> traced.call("fail", "no"));
			assertThat(this.meters.get("esem.calls")
				.tags("module", "traced", "target", "quote", "outcome", "success")
				.timer()
				.count()).isOne();
			assertThat(this.meters.get("esem.calls")
				.tags("module", "traced", "target", "fail", "outcome", "python_error")
				.timer()
				.count()).isOne();
			assertThat(this.meters.find("esem.call").meters()).isEmpty();
			assertThat(this.meters.find("esem.call.active").meters()).isEmpty();
		}
	}

	@Test
	void withoutATracerNoTraceCrossesAndTheRecordsCarryNone() throws Exception {
		ObservationRegistry metersOnly = ObservationRegistry.create();
		metersOnly.observationConfig().observationHandler(new EsemCallsMeterHandler(this.meters));
		try (PythonBridge bridge = bridge()) {
			bridge.addListener(new EsemCallObservations(metersOnly));
			assertThat(bridge.module("traced.py").call("quote", 2)).isEqualTo(4);
			assertThat(this.pythonLogs.list).singleElement()
				.satisfies(event -> assertThat(event.getMDCPropertyMap()).doesNotContainKeys("traceId", "spanId"));
			assertThat(this.meters.get("esem.calls").timer().count()).isOne();
		}
	}

	@Test
	void aCallToAPythonObjectNamesItsRefIdAsAHighCardinalityKey() throws Exception {
		try (PythonBridge bridge = bridge()) {
			bridge.addListener(new EsemCallObservations(this.observations));
			try (PyObject quoter = bridge.module("traced.py").construct("Quoter")) {
				assertThat(quoter.call("quote", 2)).isEqualTo(6);
				SimpleSpan quote = this.tracer.getSpans()
					.stream()
					.filter(span -> span.getName().equals("python traced.Quoter.quote"))
					.findFirst()
					.orElseThrow();
				assertThat(quote.getTags()).containsEntry("ref", quoter.refId()).containsEntry("target", "Quoter.quote");
				assertThat(this.meters.get("esem.calls").tags("target", "Quoter.quote").timer().getId().getTags())
					.noneMatch(tag -> tag.getKey().equals("ref") || tag.getKey().equals("worker"));
			}
		}
	}

	@Test
	void aNoopRegistryObservesNothing() {
		assertThat(new EsemCallObservations(ObservationRegistry.NOOP).observeCall("m", "f", "worker-1", null)).isNull();
	}

	private static PythonBridge bridge() throws Exception {
		return PythonBridge.builder()
			.python(TestPython.executable())
			.pythonPath(new ClassPathResource("python").getFile().toPath())
			.build();
	}

}
