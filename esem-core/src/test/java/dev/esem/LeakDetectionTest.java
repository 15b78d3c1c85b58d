package dev.esem;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.esem.internal.registry.LeakTracker;
import dev.esem.monitor.BridgeListener;
import dev.esem.monitor.LeakReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class LeakDetectionTest {

	private final Logger leakLogger = (Logger) LoggerFactory.getLogger(LeakTracker.class);

	private final ListAppender<ILoggingEvent> leakLog = new ListAppender<>();

	@BeforeEach
	void captureLeakLog() {
		this.leakLog.start();
		this.leakLogger.addAppender(this.leakLog);
	}

	@AfterEach
	void releaseLeakLog() {
		this.leakLogger.detachAppender(this.leakLog);
	}

	interface Calculator extends PythonInstance {

		int add(int value);

	}

	@Test
	void unreleasedInstancesAreReleasedInPythonAndReportedWithTheirCreationSite() {
		List<LeakReport> heard = new CopyOnWriteArrayList<>();
		try (PythonBridge python = TestBridges.builder().trackCreationSite(true).listener(new BridgeListener() {
			@Override
			public void instanceLeaked(LeakReport leak) {
				heard.add(leak);
			}
		}).build()) {
			PyModule tools = python.module("tools.py");
			PyObject kept = tools.construct("Calculator", 1);
			createAndDrop(tools, 10);
			assertThat(registrySize(python)).isEqualTo(21);
			await().atMost(Duration.ofSeconds(20)).until(() -> {
				System.gc();
				return python.leakCount() >= 20;
			});
			assertThat(python.leaks()).hasSize(20).allSatisfy(leak -> {
				assertThat(leak.pythonClass()).isEqualTo("Calculator");
				assertThat(leak.module()).isEqualTo("tools");
				assertThat(leak.creationSite()).contains("createAndDrop");
			});
			assertThat(heard).hasSize(20);
			// two creation sites in createAndDrop: the first leak of each is logged in full
			assertThat(leakLines()).hasSize(2).allSatisfy(line -> assertThat(line)
				.contains("Later leaks of objects created at the same place are counted and logged together")
				.contains("at dev.esem.LeakDetectionTest.createAndDrop("));
			await().atMost(Duration.ofSeconds(5)).until(() -> registrySize(python) == 1);
			assertThat(kept.call("add", 1)).isEqualTo(2);
			kept.release();
			await().atMost(Duration.ofSeconds(5)).until(() -> registrySize(python) == 0);
			assertThat(python.leakCount()).isEqualTo(20);
		}
	}

	@Test
	void manyLeaksAreAllCountedAndReleasedButLoggedInFewLines() {
		int leaks = 10_000;
		AtomicLong heard = new AtomicLong();
		try (PythonBridge python = TestBridges.builder().listener(new BridgeListener() {
			@Override
			public void instanceLeaked(LeakReport leak) {
				heard.incrementAndGet();
			}
		}).build()) {
			PyModule tools = python.module("tools.py");
			for (int i = 0; i < leaks; i++) {
				tools.construct("Calculator", i);
			}
			await().atMost(Duration.ofSeconds(60)).until(() -> {
				System.gc();
				return python.leakCount() >= leaks;
			});
			await().atMost(Duration.ofSeconds(10)).until(() -> registrySize(python) == 0);
			assertThat(python.leakCount()).isEqualTo(leaks);
			assertThat(heard).hasValue(leaks);
			assertThat(python.leaks()).hasSize(100);
			// the first in full; the others in a summary at most once a minute
			assertThat(leakLines()).hasSizeBetween(1, 2).first().asString()
				.contains("(tools.Calculator) was garbage-collected without release(); esem released it.")
				.contains("Later leaks of this class are counted and logged together, at most every 60s.")
				.contains("Set esem.leak-detection.track-creation-site=true");
		}
	}

	/** The leak lines about this test's objects (another test's bridge may still log the leaks of its own). */
	private List<String> leakLines() {
		return this.leakLog.list.stream()
			.map(ILoggingEvent::getFormattedMessage)
			.filter(line -> line.contains("(tools.Calculator)"))
			.toList();
	}

	private static void createAndDrop(PyModule tools, int count) {
		PythonFactory<Calculator> calculators = tools.factory("Calculator", Calculator.class);
		for (int i = 0; i < count; i++) {
			tools.construct("Calculator", i);
			calculators.create(i).add(1);
		}
	}

	private static int registrySize(PythonBridge python) {
		return python.ping(Duration.ofSeconds(5), new HashMap<>()).get(0).registrySize();
	}

	@Test
	void releasedInstancesAreNotLeaks() {
		try (PythonBridge python = TestBridges.builder().build()) {
			PyModule tools = python.module("tools.py");
			for (int i = 0; i < 10; i++) {
				tools.construct("Calculator", i).release();
			}
			System.gc();
			assertThat(registrySize(python)).isZero();
			assertThat(python.leakCount()).isZero();
		}
	}

}
