package dev.esem.sample;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.esem.PyModule;
import dev.esem.PyObject;
import dev.esem.PythonBridge;
import dev.esem.PythonFactory;
import dev.esem.PythonWorkerException;
import dev.esem.monitor.BridgeListener;
import dev.esem.monitor.LeakReport;
import dev.esem.monitor.WorkerState;
import dev.esem.sample.cart.Cart;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The examples of lifecycle-and-leaks.md. */
class LifecycleExamplesTest {

	private static final Duration SOON = Duration.ofSeconds(20);

	@Test
	void releaseIsIdempotentAndAReleasedObjectFailsAtOnceNamingItsRef() {
		try (PythonBridge python = Examples.bridge().build()) {
			PythonFactory<Cart> carts = python.module("cart.py").factory("Cart", Cart.class);
			// tag::release[]
			Cart cart = carts.create("regular");
			cart.add("apple", 1);
			cart.release();
			cart.release(); // idempotent; close() does the same
			assertThatThrownBy(cart::summary).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining(cart.refId())
				.hasMessageContaining("was released");
			// end::release[]
		}
	}

	@Test
	void aMethodThatReturnsSelfGivesBackTheHandleYouHold() {
		try (PythonBridge python = Examples.bridge().build()) {
			PyModule models = python.module("model.py");
			List<List<Double>> batches = List.of(List.of(1.0, 2.0), List.of(3.0, 4.0));
			// tag::same-handle[]
			try (PyObject model = models.construct("Mean")) {
				for (List<Double> batch : batches) {
					model.call("fit", batch); // returns self: the handle you hold, nothing more to release
				}
				assertThat(model.call("fit", List.of(5.0))).isSameAs(model);
				assertThat(model.call("predict")).isEqualTo(3.0);
			} // the one release the object needs
			// end::same-handle[]
			assertThat(python.liveObjects()).isZero();
		}
	}

	@Test
	void objectsOfAWorkerThatRestartedAreStale() {
		try (PythonBridge python = Examples.bridge().restartBackoff(Duration.ofMillis(50)).build()) {
			PythonFactory<Cart> carts = python.module("cart.py").factory("Cart", Cart.class);
			PyModule faults = python.module("faults.py");
			// tag::stale[]
			Cart cart = carts.create("regular");
			assertThatThrownBy(() -> faults.call("crash")).isInstanceOf(PythonWorkerException.class);
			// the pool starts a new worker, but the cart lived in the old one
			await().atMost(SOON).until(() -> python.workers().get(0).state() == WorkerState.READY);
			assertThatThrownBy(cart::summary).isInstanceOf(PythonWorkerException.class)
				.hasMessageContaining(cart.refId())
				.hasMessageContaining("which has ended; the object is gone");
			cart.release(); // still fine: releasing a stale object does nothing
			try (Cart fresh = carts.create("regular")) {
				assertThat(fresh.add("apple", 1).lines()).hasSize(1);
			}
			// end::stale[]
		}
	}

	@Test
	void droppedObjectsAreReleasedAndReportedAsLeaksWithTheirCreationSite() {
		List<LeakReport> heard = new CopyOnWriteArrayList<>();
		// tag::leak-detection[]
		PythonBridge python = PythonBridge.builder()
			.pythonPath(Path.of("src/main/resources/python"))
			.trackCreationSite(true) // costs a stack capture per object: turn on while hunting a leak
			.listener(new BridgeListener() {
				@Override
				public void instanceLeaked(LeakReport leak) {
					heard.add(leak); // runs on a bridge thread: keep it short
				}
			})
			.build();
		// end::leak-detection[]
		try (python) {
			PythonFactory<Cart> carts = python.module("cart.py").factory("Cart", Cart.class);
			forgetToRelease(carts);
			await().atMost(SOON).until(() -> {
				System.gc();
				return python.leakCount() >= 3;
			});
			// tag::leak-report[]
			for (LeakReport leak : python.leaks()) {
				assertThat(leak.pythonClass()).isEqualTo("Cart");
				assertThat(leak.module()).isEqualTo("cart");
				assertThat(leak.creationSite()).contains("forgetToRelease");
			}
			// end::leak-report[]
			assertThat(heard).hasSize(3);
			await().atMost(SOON)
				.until(() -> python.ping(Duration.ofSeconds(5), new java.util.HashMap<>()).get(0).registrySize() == 0);
		}
	}

	// tag::leak[]
	private static void forgetToRelease(PythonFactory<Cart> carts) {
		for (int i = 0; i < 3; i++) {
			Cart cart = carts.create("regular");
			cart.add("apple", i + 1);
		} // no release(): once the GC collects the proxies, esem releases the Python carts and reports leaks
	}
	// end::leak[]

}
