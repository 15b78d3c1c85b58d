package dev.esem;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.esem.monitor.BridgeListener;
import dev.esem.monitor.LeakReport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class LeakDetectionTest {

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
			await().atMost(Duration.ofSeconds(5)).until(() -> registrySize(python) == 1);
			assertThat(kept.call("add", 1)).isEqualTo(2);
			kept.release();
			await().atMost(Duration.ofSeconds(5)).until(() -> registrySize(python) == 0);
			assertThat(python.leakCount()).isEqualTo(20);
		}
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
