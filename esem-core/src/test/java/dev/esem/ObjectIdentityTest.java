package dev.esem;

import java.time.Duration;
import java.util.HashMap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** A Python object that comes back to Java while Java holds it comes back as the handle Java holds. */
class ObjectIdentityTest {

	private static final Duration SOON = Duration.ofSeconds(20);

	interface Calculator extends PythonInstance {

		int add(int value);

		Calculator me();

	}

	@Test
	void aMethodThatReturnsSelfGivesTheSameHandleAndIgnoringItIsNoLeak() {
		try (PythonBridge python = TestBridges.builder().build()) {
			PyModule tools = python.module("tools.py");
			PyObject model = tools.construct("Calculator", 1);
			fitAndIgnoreTheResult(model, 1_000);
			String dropped = createAndDrop(tools);
			await().atMost(SOON).until(() -> {
				System.gc();
				return python.leakCount() >= 1;
			});
			await().atMost(SOON).until(() -> registrySize(python) == 1);
			// once the dropped object is released, nothing else was reported
			assertThat(python.leakCount()).isEqualTo(1);
			assertThat(python.leaks()).singleElement().satisfies(leak -> assertThat(leak.refId()).isEqualTo(dropped));
			assertThat(python.liveObjects()).isEqualTo(1);
			assertThat(model.call("add", 1)).isEqualTo(2);
			model.release();
			await().atMost(SOON).until(() -> registrySize(python) == 0);
			assertThat(python.liveObjects()).isZero();
			assertThat(python.leakCount()).isEqualTo(1);
		}
	}

	private static void fitAndIgnoreTheResult(PyObject model, int times) {
		for (int i = 0; i < times; i++) {
			assertThat(model.call("me")).isSameAs(model);
		}
	}

	private static String createAndDrop(PyModule tools) {
		return tools.construct("Calculator", 0).refId();
	}

	@Test
	void typedViewsOfOneObjectShareItsHandleAndItIsReleasedWhenTheLastViewGoes() {
		try (PythonBridge python = TestBridges.builder().build()) {
			PythonFactory<Calculator> calculators = python.module("tools.py").factory("Calculator", Calculator.class);
			useTwoViewsAndDropThem(calculators);
			await().atMost(SOON).until(() -> {
				System.gc();
				return python.leakCount() >= 1;
			});
			await().atMost(SOON).until(() -> registrySize(python) == 0);
			assertThat(python.leakCount()).isEqualTo(1);
			assertThat(python.liveObjects()).isZero();

			Calculator calculator = calculators.create(5);
			Calculator self = calculator.me();
			self.release();
			assertThatThrownBy(() -> calculator.add(1)).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("was released");
			await().atMost(SOON).until(() -> registrySize(python) == 0);
		}
	}

	private static void useTwoViewsAndDropThem(PythonFactory<Calculator> calculators) {
		Calculator calculator = calculators.create(1);
		Calculator self = calculator.me();
		assertThat(self).isNotSameAs(calculator);
		assertThat(self.refId()).isEqualTo(calculator.refId());
		assertThat(self.add(1)).isEqualTo(2);
		assertThat(calculator.add(1)).isEqualTo(3);
	}

	@Test
	void anObjectSentAgainWhileItsReleaseIsOnTheWayStaysUsable() {
		try (PythonBridge python = TestBridges.builder().build()) {
			PyModule tools = python.module("tools.py");
			int crossed = 0;
			for (int i = 0; i < 100; i++) {
				PyObject first = (PyObject) tools.call("shared_calculator");
				first.release(); // sent with the next call, and run by Python after that call's reply
				PyObject second = (PyObject) tools.call("shared_calculator");
				assertThat(second).isNotSameAs(first);
				assertThat(second.call("add", 0)).isEqualTo(100);
				crossed += second.refId().equals(first.refId()) ? 1 : 0; // sent again before the release ran
				second.release();
			}
			assertThat(crossed).isPositive();
			assertThat(registrySize(python)).isZero();
			assertThat(python.liveObjects()).isZero();
		}
	}

	private static int registrySize(PythonBridge python) {
		return python.ping(Duration.ofSeconds(5), new HashMap<>()).get(0).registrySize();
	}

}
