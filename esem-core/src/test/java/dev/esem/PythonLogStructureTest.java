package dev.esem;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** Python's log records and warnings reach SLF4J as single events that keep their structure. */
class PythonLogStructureTest {

	private final ListAppender<ILoggingEvent> events = new ListAppender<>();

	private final Logger pythonLogs = (Logger) LoggerFactory.getLogger("dev.esem.python");

	@BeforeEach
	void capture() {
		this.events.start();
		this.pythonLogs.addAppender(this.events);
	}

	@AfterEach
	void release() {
		this.pythonLogs.detachAppender(this.events);
	}

	@Test
	void aRecordWithExcInfoIsOneEventWithAPythonExceptionAndTheMessageAlone() {
		try (PythonBridge python = TestBridges.builder().build()) {
			assertThat(python.module("structured_errors.py").call("log_failure")).isEqualTo("logged");
			List<ILoggingEvent> failures = this.events.list.stream()
				.filter(event -> event.getLoggerName().equals("dev.esem.python.structured"))
				.toList();
			assertThat(failures).hasSize(1);
			ILoggingEvent event = failures.get(0);
			assertThat(event.getLevel()).isEqualTo(Level.ERROR);
			assertThat(event.getFormattedMessage()).isEqualTo("[worker-1] pricing tea failed");
			Throwable logged = ((ThrowableProxy) event.getThrowableProxy()).getThrowable();
			assertThat(logged).isInstanceOfSatisfying(PythonException.class, ex -> {
				assertThat(ex.isInstance("ValueError")).isTrue();
				assertThat(ex.getStackTrace()[0])
					.isEqualTo(new StackTraceElement("structured_errors", "raised_from", "structured_errors.py", 28));
			});
			IThrowableProxy cause = event.getThrowableProxy().getCause();
			assertThat(cause.getClassName()).isEqualTo(PythonException.class.getName());
			assertThat(cause.getMessage()).isEqualTo("'tea'");
		}
	}

	@Test
	void eachWarningIsOneWarnEventLoggedBeforeTheCallReturns() {
		try (PythonBridge python = TestBridges.builder().build()) {
			assertThat(python.module("structured_errors.py").call("warn_twice")).isEqualTo("warned");
			// no waiting: the events were logged before the reply ended the call
			List<ILoggingEvent> warnings = this.events.list.stream()
				.filter(event -> event.getLoggerName().equals("dev.esem.python.py.warnings"))
				.toList();
			assertThat(warnings).hasSize(2).allSatisfy(event -> assertThat(event.getLevel()).isEqualTo(Level.WARN));
			assertThat(warnings.get(0).getFormattedMessage()).contains("UserWarning: the model did not converge");
			assertThat(warnings.get(1).getFormattedMessage()).contains("FutureWarning: this will change");
		}
	}

}
