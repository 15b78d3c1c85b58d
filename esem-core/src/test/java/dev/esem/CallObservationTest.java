package dev.esem;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.esem.monitor.BridgeListener;
import dev.esem.monitor.CallObservation;
import dev.esem.monitor.CallOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A listener that observes calls sees each start and end, and its traceparent crosses:
 * Python's records written while serving the call carry the trace into the MDC.
 */
class CallObservationTest {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final String SPAN_ID = "00f067aa0ba902b7";

	private final ListAppender<ILoggingEvent> events = new ListAppender<>();

	private final Logger pythonLogs = (Logger) LoggerFactory.getLogger("dev.esem.python.structured");

	private final List<String> observed = new CopyOnWriteArrayList<>();

	@BeforeEach
	void capture() {
		this.events.start();
		this.pythonLogs.addAppender(this.events);
	}

	@AfterEach
	void release() {
		this.pythonLogs.detachAppender(this.events);
	}

	private PythonBridge bridge(String traceparent) {
		return TestBridges.builder().listener(new BridgeListener() {

			@Override
			public CallObservation observeCall(String module, String target, String worker, String refId) {
				CallObservationTest.this.observed.add("start " + module + "." + target + " on " + worker
						+ ((refId != null) ? " for " + refId.substring(0, 7) : ""));
				return new CallObservation() {

					@Override
					public String traceparent() {
						return traceparent;
					}

					@Override
					public void ended(CallOutcome outcome, Throwable failure) {
						CallObservationTest.this.observed
							.add("end " + target + " " + outcome.tag() + " " + ((failure != null) ? failure.getClass().getSimpleName() : ""));
					}

				};
			}

		}).build();
	}

	@Test
	void eachCallIsObservedFromStartToEnd() {
		try (PythonBridge python = bridge(null)) {
			PyModule errors = python.module("structured_errors.py");
			errors.call("log_info", "x");
			assertThatThrownBy(() -> errors.call("subclass_error")).isInstanceOf(PythonException.class);
			assertThat(this.observed).containsExactly("start structured_errors.log_info on worker-1",
					"end log_info success ", "start structured_errors.subclass_error on worker-1",
					"end subclass_error python_error PythonException");
		}
	}

	@Test
	void pythonRecordsOfATracedCallCarryTheTraceInTheMdcPlainAsyncAndAroundCallbacks() {
		try (PythonBridge python = bridge("00-" + TRACE_ID + "-" + SPAN_ID + "-01")) {
			PyModule errors = python.module("structured_errors.py");
			errors.call("log_info", "plain");
			errors.callAsync("log_in_task", "in a task").join();
			errors.call("log_around", (Runnable) () -> {
			});
			assertThat(this.events.list).extracting(ILoggingEvent::getFormattedMessage)
				.containsExactly("[worker-1] plain", "[worker-1] in a task", "[worker-1] before the Java function",
						"[worker-1] after the Java function");
			assertThat(this.events.list).allSatisfy(event -> assertThat(event.getMDCPropertyMap())
				.containsAllEntriesOf(Map.of("traceId", TRACE_ID, "spanId", SPAN_ID)));
		}
	}

	@Test
	void aCallToAnObjectIsObservedWithItsRefId() {
		try (PythonBridge python = bridge(null); PyObject calculator = python.module("tools.py").construct("Calculator", 1)) {
			calculator.call("add", 2);
			assertThat(this.observed).contains("start tools.Calculator.add on worker-1 for py_obj_");
		}
	}

	@Test
	void withoutATraceTheRecordsCarryNone() {
		try (PythonBridge python = bridge(null)) {
			python.module("structured_errors.py").call("log_info", "untraced");
			assertThat(this.events.list).singleElement()
				.satisfies(event -> assertThat(event.getMDCPropertyMap()).doesNotContainKeys("traceId", "spanId"));
		}
	}

}
