package dev.esem;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import dev.esem.monitor.WorkerState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class WorkerPoolTest {

	@Test
	void moduleCallsSpreadOverTheLeastBusyWorkers() {
		try (PythonBridge python = TestBridges.builder().workers(2).build()) {
			PyModule tools = python.module("tools.py");
			assertThat(python.workers()).hasSize(2);
			for (int i = 0; i < 3; i++) {
				CompletableFuture<Object> busy = tools.callAsync("sleep_pid", 0.3);
				Object idle = tools.call("pid");
				assertThat(idle).as("the call went to the worker that was not busy").isNotEqualTo(busy.join());
			}
			Set<Object> pids = new HashSet<>();
			python.workers().forEach(worker -> pids.add(worker.pid()));
			assertThat(pids).hasSize(2);
		}
	}

	@Test
	void instancesStayOnTheirWorkerAndProxyArgumentsRouteThere() {
		try (PythonBridge python = TestBridges.builder().workers(2).build()) {
			PyModule tools = python.module("tools.py");
			PyObject a = tools.construct("Calculator", 1);
			CompletableFuture<Object> busy = tools.callAsync("sleep", 0.3);
			PyObject b = tools.construct("Calculator", 2);
			busy.join();
			for (int i = 0; i < 20; i++) {
				assertThat(a.call("add", 0)).isEqualTo(1);
				assertThat(b.call("add", 0)).isEqualTo(2);
				assertThat(tools.call("counter_total", a)).isEqualTo(1);
				assertThat(tools.call("counter_total", b)).isEqualTo(2);
			}
			assertThatThrownBy(() -> tools.call("same", a, b)).isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("two different workers");
			a.release();
			b.release();
		}
	}

	@Test
	void cpuBoundCallsRunInParallelOnSeparateProcesses() {
		try (PythonBridge python = TestBridges.builder().workers(2).build()) {
			PyModule tools = python.module("tools.py");
			List<CompletableFuture<Object>> calls = List.of(tools.callAsync("spin_timed", 3_000_000),
					tools.callAsync("spin_timed", 3_000_000));
			List<?> first = (List<?>) calls.get(0).join();
			List<?> second = (List<?>) calls.get(1).join();
			assertThat(first.get(0)).as("pid").isNotEqualTo(second.get(0));
			double overlapStart = Math.max(((Number) first.get(1)).doubleValue(), ((Number) second.get(1)).doubleValue());
			double overlapEnd = Math.min(((Number) first.get(2)).doubleValue(), ((Number) second.get(2)).doubleValue());
			assertThat(overlapEnd).as("the two calls ran at the same time").isGreaterThan(overlapStart);
		}
	}

	@Test
	void recyclingNeverDestroysALiveObject() {
		try (PythonBridge python = TestBridges.builder().recycleAfterCalls(3).build()) {
			PyModule tools = python.module("tools.py");
			long first = python.workers().get(0).pid();
			for (int i = 0; i < 3; i++) {
				tools.call("add", 1, 1);
			}
			// the first construct starts the recycling; the others come while the successor starts
			List<PyObject> calculators = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				calculators.add(tools.construct("Calculator", i));
			}
			await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(10))
				.until(() -> python.workers().get(0).state() == WorkerState.READY);
			for (int i = 0; i < calculators.size(); i++) {
				assertThat(calculators.get(i).call("add", 0)).isEqualTo(i);
				calculators.get(i).release();
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> {
				tools.call("add", 1, 1);
				return python.workers().get(0).pid() != first;
			});
			assertThat(python.callStats()).allSatisfy(stats -> assertThat(stats.failures()).isZero());
		}
	}

	@Test
	void workersAreRecycledAfterTheirCallLimitWithoutFailingCalls() {
		try (PythonBridge python = TestBridges.builder().recycleAfterCalls(5).build()) {
			PyModule tools = python.module("tools.py");
			Object first = tools.call("pid");
			await().atMost(Duration.ofSeconds(20)).until(() -> !tools.call("pid").equals(first));
			assertThat(python.workers().get(0).restarts()).isPositive();
			assertThat(python.callStats()).allSatisfy(stats -> assertThat(stats.failures()).isZero());
		}
	}

}
