package dev.esem.sample;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.esem.PyModule;
import dev.esem.PythonBridge;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The examples of troubleshooting.md. */
class TroubleshootingExamplesTest {

	@Test
	void printOutputGoesToTheLogTaggedWithTheWorker() {
		Logger stderr = (Logger) LoggerFactory.getLogger("dev.esem.worker.stderr");
		Level level = stderr.getLevel();
		ListAppender<ILoggingEvent> logs = new ListAppender<>();
		logs.start();
		stderr.setLevel(Level.INFO);
		stderr.addAppender(logs);
		try (PythonBridge python = Examples.bridge().build()) {
			PyModule faults = python.module("faults.py");
			assertThat(faults.call("shout", "hello")).isEqualTo("HELLO");
			await().atMost(Duration.ofSeconds(10))
				.until(() -> logs.list.stream()
					.map(ILoggingEvent::getFormattedMessage)
					.anyMatch("[worker-1] shouting hello"::equals));
		}
		finally {
			stderr.detachAppender(logs);
			stderr.setLevel(level);
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void sysPathHoldsThePythonPathAndNotTheCurrentDirectory() {
		try (PythonBridge python = PythonBridge.builder().pythonPath(Path.of("src/main/resources/python")).build()) {
			// tag::sys-path[]
			PyModule sys = python.module("sys");
			List<String> path = (List<String>) sys.get("path");
			assertThat(path).contains(Path.of("src/main/resources/python").toAbsolutePath().toString());
			assertThat(path).doesNotContain("", ".");
			assertThat(sys.get("executable")).asString().contains("python"); // which interpreter runs
			// end::sys-path[]
		}
	}

}
