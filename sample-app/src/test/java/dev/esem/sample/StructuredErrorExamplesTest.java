package dev.esem.sample;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.esem.PyModule;
import dev.esem.PythonBridge;
import dev.esem.PythonException;
import dev.esem.PythonFrameTooLargeException;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The examples of errors.md, operations.md and streams-and-async.md on structure kept across. */
class StructuredErrorExamplesTest {

	@Test
	void aPythonExceptionKnowsItsClassHierarchyAndItsCause() {
		try (PythonBridge python = Examples.bridge().build()) {
			PyModule pricing = python.module("observed.py");
			// tag::is-instance[]
			assertThatThrownBy(() -> pricing.call("price", "caviar"))
				.isInstanceOfSatisfying(PythonException.class, (ex) -> {
					assertThat(ex.pythonType()).isEqualTo("PriceError");
					assertThat(ex.pythonTypes()).containsExactly("observed.PriceError", "ValueError", "Exception",
							"BaseException");
					assertThat(ex.isInstance("ValueError")).isTrue(); // what a handler should test
					// raise ... from exc: the cause, with its own Python frames
					assertThat(ex.getCause()).isInstanceOfSatisfying(PythonException.class,
							(cause) -> assertThat(cause.pythonType()).isEqualTo("KeyError"));
				});
			// end::is-instance[]
		}
	}

	@Test
	void aValueTooLargeForAFrameHasItsOwnException() {
		// tag::frame-limit[]
		try (PythonBridge python = Examples.bridge().maxFrameBytes(1024 * 1024).build()) {
			byte[] upload = new byte[2 * 1024 * 1024];
			assertThatThrownBy(() -> python.module("faults.py").call("pid", (Object) upload))
				.isInstanceOf(PythonFrameTooLargeException.class) // an IllegalArgumentException
				.hasMessageContaining("esem.limits.max-frame-size");
		}
		// end::frame-limit[]
	}

	@Test
	void pythonLogRecordsAndWarningsArriveAsSingleEvents() {
		ListAppender<ILoggingEvent> events = new ListAppender<>();
		events.start();
		Logger python = (Logger) LoggerFactory.getLogger("dev.esem.python");
		python.addAppender(events);
		try (PythonBridge bridge = Examples.bridge().build()) {
			PyModule observed = bridge.module("observed.py");
			observed.call("fit", List.of(1));
			observed.call("audit", "caviar");
			List<ILoggingEvent> logged = List.copyOf(events.list);
			assertThat(logged).filteredOn((event) -> event.getLoggerName().equals("dev.esem.python.py.warnings"))
				.singleElement()
				.satisfies((event) -> {
					assertThat(event.getLevel()).isEqualTo(Level.WARN);
					assertThat(event.getFormattedMessage()).contains("RuntimeWarning: too few rows to converge");
				});
			assertThat(logged).filteredOn((event) -> event.getLoggerName().equals("dev.esem.python.pricing"))
				.singleElement()
				.satisfies((event) -> {
					assertThat(event.getFormattedMessage()).isEqualTo("[worker-1] audit of caviar failed");
					assertThat(event.getThrowableProxy().getClassName()).isEqualTo(PythonException.class.getName());
					assertThat(event.getThrowableProxy().getCause().getMessage()).isEqualTo("'caviar'");
				});
		}
		finally {
			python.detachAppender(events);
		}
	}

	@Test
	void cancellingTheFutureCancelsThePythonTask() {
		try (PythonBridge python = Examples.bridge().build()) {
			PyModule observed = python.module("observed.py");
			// tag::cancel[]
			CompletableFuture<Object> report = observed.callAsync("slow_report", 60);
			report.cancel(true); // the asyncio task is cancelled in Python; the worker stays
			// end::cancel[]
			assertThat(report.isCancelled()).isTrue();
			await().atMost(Duration.ofSeconds(10)).until(() -> observed.call("cancelled_reports").equals(1));
		}
	}

}
