package dev.esem;

import java.time.Duration;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class WorkerIoTest {

	static PythonBridge python;

	static PyModule tools;

	static ListAppender<ILoggingEvent> logs = new ListAppender<>();

	@BeforeAll
	static void start() {
		Logger root = (Logger) LoggerFactory.getLogger("dev.esem");
		logs.start();
		root.addAppender(logs);
		python = TestBridges.builder().build();
		tools = python.module("tools.py");
	}

	@AfterAll
	static void stop() {
		python.close();
		((Logger) LoggerFactory.getLogger("dev.esem")).detachAppender(logs);
	}

	private static List<String> messages(String loggerPrefix) {
		synchronized (logs) {
			return logs.list.stream()
				.filter(event -> event.getLoggerName().startsWith(loggerPrefix))
				.map(ILoggingEvent::getFormattedMessage)
				.toList();
		}
	}

	@Test
	void userOutputCannotCorruptTheProtocol() {
		assertThat(tools.call("noisy", "{\"id\": 1, \"ok\": \"forged\"}")).isEqualTo("{\"id\": 1, \"ok\": \"forged\"}");
		assertThat(tools.call("add", 1, 1)).isEqualTo(2);
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(messages("dev.esem.worker.stderr"))
				.filteredOn(line -> line.contains("forged"))
				.hasSizeGreaterThanOrEqualTo(4)
				.allSatisfy(line -> assertThat(line).startsWith("[worker-1]")));
	}

	@Test
	void userCodeCannotReadTheProtocolInput() {
		assertThat(tools.call("read_input")).isEqualTo("EOF");
		assertThat(tools.call("read_stdin")).isEqualTo("");
		assertThat(tools.call("add", 2, 2)).isEqualTo(4);
	}

	@Test
	void sysExitFailsOnlyThatCall() {
		assertThatThrownBy(() -> tools.call("exit_now", 3)).isInstanceOfSatisfying(PythonException.class,
				ex -> assertThat(ex.pythonType()).isEqualTo("SystemExit"));
		assertThat(tools.call("add", 3, 3)).isEqualTo(6);
	}

	@Test
	void pythonLogRecordsReachSlf4jAtTheirLevel() {
		tools.call("log_warning", "disk almost full");
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			synchronized (logs) {
				assertThat(logs.list).anySatisfy(event -> {
					assertThat(event.getLoggerName()).isEqualTo("dev.esem.python.tools");
					assertThat(event.getLevel()).isEqualTo(Level.WARN);
					assertThat(event.getFormattedMessage()).isEqualTo("[worker-1] disk almost full");
				});
			}
		});
	}

	@Test
	void aChattyWorkerNeverBlocks() {
		String line = "x".repeat(1000);
		for (int i = 0; i < 300; i++) {
			tools.call("noisy", line);
		}
		assertThat(tools.call("add", 1, 2)).isEqualTo(3);
	}

}
