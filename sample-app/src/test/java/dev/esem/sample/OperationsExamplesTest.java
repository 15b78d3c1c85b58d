package dev.esem.sample;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import dev.esem.PyModule;
import dev.esem.PythonBridge;
import dev.esem.PythonFactory;
import dev.esem.monitor.WorkerInfo;
import dev.esem.sample.PlainJavaExamplesTest.CartFunctions;
import dev.esem.sample.cart.Cart;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The examples of operations.md: the pool, pinning, recycling. */
class OperationsExamplesTest {

	@Test
	void moduleCallsGoToTheLeastBusyWorkerAndObjectsStayOnTheirs() {
		try (PythonBridge python = Examples.bridge().workers(2).build()) {
			PyModule faults = python.module("faults.py");
			PythonFactory<Cart> carts = python.module("cart.py").factory("Cart", Cart.class);
			CartFunctions functions = python.module("cart.py").bind(CartFunctions.class);
			// tag::pool[]
			CompletableFuture<Object> busy = faults.callAsync("slow", 0.5);
			WorkerInfo sleeper = python.workers().stream().filter((w) -> w.inFlight() > 0).findFirst().orElseThrow();
			Number pid = (Number) faults.call("pid"); // goes to the least busy worker
			assertThat(pid.longValue()).isNotEqualTo(sleeper.pid());
			busy.join();

			Cart first = carts.create("regular");
			CompletableFuture<Object> sleeping = faults.callAsync("slow", 0.5); // keeps first's worker busy
			Cart second = carts.create("regular"); // so this one is created on the other worker
			assertThat(first.add("apple", 1).total()).isEqualByComparingTo("0.50"); // always first's worker
			assertThatThrownBy(() -> functions.merge(first, second)).isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("two different workers");
			// end::pool[]
			sleeping.join();
			first.release();
			second.release();
		}
	}

	@Test
	void workersAreRecycledAfterACallLimitWithoutFailingCalls() {
		try (PythonBridge python = Examples.bridge().recycleAfterCalls(5).build()) {
			PyModule faults = python.module("faults.py");
			Object first = faults.call("pid");
			await().atMost(Duration.ofSeconds(20)).until(() -> !faults.call("pid").equals(first));
			assertThat(python.callStats()).allSatisfy((stats) -> assertThat(stats.failures()).isZero());
		}
	}

	@Test
	void aBuilderSetsEveryOperationalKnob() {
		// tag::builder-operations[]
		PythonBridge python = PythonBridge.builder()
			.python(PythonBridge.defaultPython()) // $ESEM_PYTHON, else python3; or a venv's bin/python
			.pythonPath(Path.of("src/main/resources/python"))
			.workers(2)
			.callTimeout(Duration.ofSeconds(10))
			.restartMaxAttempts(5)
			.restartBackoff(Duration.ofSeconds(1))
			.recycleAfterCalls(100_000) // replace a worker after this many calls...
			.recycleAfter(Duration.ofHours(6)) // ...or at this age, once it holds no live objects
			.build();
		// end::builder-operations[]
		try (python) {
			assertThat(python.workers()).hasSize(2);
			assertThat(python.module("pricing.py").call("price", "tea")).isNotNull();
		}
	}

}
