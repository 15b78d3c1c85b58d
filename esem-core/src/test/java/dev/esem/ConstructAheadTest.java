package dev.esem;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Constructions of a class met before go one-way, named by a ref id minted in Java,
 * with the first call right behind them; the first construction waits for its reply.
 */
class ConstructAheadTest {

	@Test
	void laterConstructionsAreNamedInJavaAndBehaveLikeTheFirst() {
		try (PythonBridge python = TestBridges.builder().build()) {
			PyModule tools = python.module("tools.py");
			try (PyObject first = tools.construct("Calculator", 1)) {
				assertThat(first.refId()).matches("py_obj_\\d+_[a-z0-9]{8}");
				Set<String> ids = new HashSet<>();
				String token = null;
				for (int i = 0; i < 20; i++) {
					try (PyObject ahead = tools.construct("Calculator", i)) {
						assertThat(ahead.refId()).matches("py_obj_j\\d+_[a-z0-9]{12}");
						assertThat(ahead.pythonClass()).isEqualTo("Calculator");
						assertThat(ahead.methods()).isEqualTo(first.methods());
						assertThat(ahead.call("add", 5)).isEqualTo(i + 5);
						ids.add(ahead.refId());
						String own = ahead.refId().substring(ahead.refId().lastIndexOf('_'));
						assertThat(token == null || token.equals(own)).isTrue();
						token = own;
					}
				}
				assertThat(ids).hasSize(20);
			}
			assertThat(registrySize(python)).isZero();
			assertThat(python.leakCount()).isZero();
		}
	}

	@Test
	void aFailedConstructorFailsTheFirstCallWithItsPythonException() {
		try (PythonBridge python = TestBridges.builder().build()) {
			PyModule tools = python.module("tools.py");
			tools.construct("Calculator").release();
			PyObject broken = tools.construct("Calculator", 1, 2, 3);
			assertThatThrownBy(() -> broken.call("add", 1)).isInstanceOfSatisfying(PythonException.class,
					ex -> {
						assertThat(ex.pythonType()).isEqualTo("TypeError");
						assertThat(ex.getMessage()).contains("__init__");
					});
			assertThatThrownBy(() -> broken.get("total")).isInstanceOf(PythonException.class)
				.hasMessageContaining("__init__");
			broken.release();
			assertThat(registrySize(python)).isZero();
			try (PyObject good = tools.construct("Calculator", 2)) {
				assertThat(good.call("add", 1)).isEqualTo(3);
			}
		}
	}

	@Test
	void aReleaseRightAfterAOneWayConstructReleasesTheObject() {
		try (PythonBridge python = TestBridges.builder().build()) {
			PyModule tools = python.module("tools.py");
			tools.construct("Calculator").release();
			for (int i = 0; i < 50; i++) {
				tools.construct("Calculator", i).release();
			}
			assertThat(registrySize(python)).isZero();
		}
	}

	@Test
	void unreleasedOneWayConstructionsAreCountedAsLeaks() {
		try (PythonBridge python = TestBridges.builder().build()) {
			PyModule tools = python.module("tools.py");
			tools.construct("Calculator").release();
			createAndDrop(tools, 10);
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				System.gc();
				return python.leakCount() >= 10;
			});
			await().atMost(Duration.ofSeconds(10)).until(() -> registrySize(python) == 0);
		}
	}

	@Test
	void idsOfAnEndedWorkerNeverComeBack() {
		try (PythonBridge python = TestBridges.builder().build()) {
			PyModule tools = python.module("tools.py");
			tools.construct("Calculator").release();
			PyObject before = tools.construct("Calculator", 1);
			assertThat(before.call("add", 1)).isEqualTo(2);
			assertThatThrownBy(() -> tools.call("crash")).isInstanceOf(PythonWorkerException.class);
			assertThatThrownBy(() -> before.call("add", 1)).isInstanceOf(PythonWorkerException.class);
			await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
				.until(() -> tools.call("pid") != null);
			try (PyObject after = tools.construct("Calculator", 1)) {
				assertThat(after.call("add", 1)).isEqualTo(2);
				assertThat(after.refId()).isNotEqualTo(before.refId());
				assertThat(token(after.refId())).isNotEqualTo(token(before.refId()));
			}
		}
	}

	@Test
	void typedFactoriesConstructAheadToo() {
		try (PythonBridge python = TestBridges.builder().build()) {
			PythonFactory<Calculator> calculators = python.module("tools.py").factory("Calculator", Calculator.class);
			for (int i = 0; i < 3; i++) {
				try (Calculator calculator = calculators.create(i)) {
					assertThat(calculator.add(1)).isEqualTo(i + 1);
				}
			}
			Calculator broken = calculators.create(1, 2, 3);
			assertThatThrownBy(() -> broken.add(1)).isInstanceOf(PythonException.class);
			broken.close();
			assertThat(registrySize(python)).isZero();
		}
	}

	interface Calculator extends PythonInstance {

		int add(int value);

	}

	private static void createAndDrop(PyModule tools, int count) {
		for (int i = 0; i < count; i++) {
			assertThat(tools.construct("Calculator", i).refId()).startsWith("py_obj_j");
		}
	}

	private static String token(String refId) {
		return refId.substring(refId.lastIndexOf('_') + 1);
	}

	private static int registrySize(PythonBridge python) {
		return python.ping(Duration.ofSeconds(5), new HashMap<>()).get(0).registrySize();
	}

}
