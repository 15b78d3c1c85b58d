package dev.esem;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.esem.monitor.WorkerInfo;
import dev.esem.monitor.WorkerState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class ReplicatedObjectTest {

	interface Model extends PythonInstance {

		double predict(double x);

		long pid();

	}

	@Test
	void aReplicaOnEveryWorkerTakesTheCallsOfTheLeastBusy() {
		try (PythonBridge python = TestBridges.builder().workers(2).build()) {
			PyObject model = python.module("serving.py").constructReplicated("Model", 3);
			assertThat(python.workers()).extracting(WorkerInfo::replicas).containsExactly(1, 1);
			assertThat(model.call("predict", 2)).isEqualTo(6);
			for (int i = 0; i < 3; i++) {
				var busy = model.callAsync("slow_pid", 0.3);
				Object idle = model.call("pid");
				assertThat(idle).as("the call went to the replica of the idle worker").isNotEqualTo(busy.join());
			}
			model.release();
			assertThat(python.workers()).extracting(WorkerInfo::replicas).containsExactly(0, 0);
			assertThatThrownBy(() -> model.call("pid")).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("was released");
		}
	}

	@Test
	void aTypedFactoryMakesReplicatedInstances() {
		try (PythonBridge python = TestBridges.builder().workers(2).build()) {
			Model model = python.module("serving.py").factory("Model", Model.class).replicated(0.5);
			assertThat(model.predict(4)).isEqualTo(2.0);
			assertThat(model.refId()).startsWith("py_replicated_");
			model.close();
			assertThat(python.workers()).extracting(WorkerInfo::replicas).containsExactly(0, 0);
		}
	}

	/**
	 * Calls in flight on the killed worker fail with PythonWorkerException and are not
	 * retried (a call may have had effects); once the slot is back, with its replica, no
	 * call fails and calls reach both workers again.
	 */
	@Test
	void killingAWorkerUnderContinuousCallsLosesNoCallAfterRecovery() throws Exception {
		try (PythonBridge python = TestBridges.builder().workers(2).restartBackoff(Duration.ofMillis(50)).build()) {
			Model model = python.module("serving.py").factory("Model", Model.class).replicated(2);
			long victim = python.workers().get(0).pid();
			AtomicBoolean recovered = new AtomicBoolean();
			AtomicBoolean stop = new AtomicBoolean();
			List<Throwable> before = new CopyOnWriteArrayList<>();
			List<Throwable> after = new CopyOnWriteArrayList<>();
			AtomicInteger callsAfter = new AtomicInteger();
			Set<Long> pidsAfter = ConcurrentHashMap.newKeySet();
			List<Thread> callers = new ArrayList<>();
			for (int t = 0; t < 4; t++) {
				Thread caller = new Thread(() -> {
					int i = 0;
					while (!stop.get()) {
						boolean afterRecovery = recovered.get();
						try {
							assertThat(model.predict(++i)).isEqualTo(2.0 * i);
							if (afterRecovery) {
								pidsAfter.add(model.pid());
								callsAfter.incrementAndGet();
							}
						}
						catch (Throwable failure) {
							(afterRecovery ? after : before).add(failure);
						}
					}
				});
				caller.start();
				callers.add(caller);
			}
			await().until(() -> python.activeCalls() > 0);
			ProcessHandle.of(victim).orElseThrow().destroyForcibly();
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				WorkerInfo slot = python.workers().get(0);
				return slot.state() == WorkerState.READY && slot.pid() != victim && slot.replicas() == 1;
			});
			recovered.set(true);
			await().atMost(Duration.ofSeconds(30)).until(() -> callsAfter.get() >= 400 && pidsAfter.size() == 2);
			stop.set(true);
			for (Thread caller : callers) {
				caller.join();
			}
			assertThat(after).as("calls after recovery that failed").isEmpty();
			assertThat(before).allSatisfy(failure -> assertThat(failure).isInstanceOf(PythonWorkerException.class)
				.hasMessageContaining("worker-1"));
			assertThat(python.workers()).extracting(WorkerInfo::replicas).containsExactly(1, 1);
			model.release();
		}
	}

	@Test
	void aRecycledWorkerRebuildsItsReplicaBeforeItTakesCalls() {
		try (PythonBridge python = TestBridges.builder().recycleAfterCalls(5).build()) {
			PyObject model = python.module("serving.py").constructReplicated("Model", 10);
			Set<Object> pids = new java.util.HashSet<>();
			AtomicInteger n = new AtomicInteger();
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				int i = n.incrementAndGet();
				assertThat(model.call("predict", i)).isEqualTo(10 * i);
				pids.add(model.call("pid"));
				return pids.size() > 1;
			});
			assertThat(python.workers().get(0).replicas()).isEqualTo(1);
			model.release();
		}
	}

	@Test
	void aReplicaThatFailsToBuildKeepsItsWorkerOutOfServiceWithThePythonError(@TempDir Path dir) throws Exception {
		Path broken = dir.resolve("broken");
		try (PythonBridge python = TestBridges.builder().workers(2).restartBackoff(Duration.ofMillis(50))
			.restartMaxAttempts(1000).build()) {
			PyObject model = python.module("serving.py").constructReplicated("Model", 1, broken.toString());
			Files.createFile(broken);
			long victim = python.workers().get(1).pid();
			ProcessHandle.of(victim).orElseThrow().destroyForcibly();
			await().atMost(Duration.ofSeconds(30)).until(() -> python.workers().get(1).replicaFailure() != null);
			WorkerInfo slot = python.workers().get(1);
			assertThat(slot.replicaFailure()).contains("serving.Model", "RuntimeError: the model file is corrupt");
			Map<Object, Integer> served = new HashMap<>();
			for (int i = 0; i < 20; i++) {
				served.merge(model.call("pid"), 1, Integer::sum);
				assertThat(python.workers().get(1).state()).isNotEqualTo(WorkerState.READY);
			}
			assertThat(served).as("only the worker with its replica serves").hasSize(1)
				.containsKey((int) python.workers().get(0).pid());
			Files.delete(broken);
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				WorkerInfo back = python.workers().get(1);
				return back.state() == WorkerState.READY && back.replicas() == 1 && back.replicaFailure() == null;
			});
			model.release();
		}
	}

	@Test
	void argumentsMustBeValuesAndAFailedFirstBuildThrows() {
		try (PythonBridge python = TestBridges.builder().workers(2).build()) {
			PyModule serving = python.module("serving.py");
			PyObject local = serving.construct("Model", 1);
			assertThatThrownBy(() -> serving.constructReplicated("Model", local))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("must be values");
			assertThatThrownBy(() -> serving.constructReplicated("Model")).isInstanceOf(PythonException.class)
				.hasMessageContaining("scale");
			assertThat(python.workers()).extracting(WorkerInfo::replicas).containsExactly(0, 0);
			local.release();
		}
	}

}
