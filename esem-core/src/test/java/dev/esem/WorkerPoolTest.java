package dev.esem;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

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
			CompletableFuture<Object> first = tools.callAsync("sleep", 0.3);
			Object secondPid = tools.call("pid");
			first.join();
			Set<Object> pids = new HashSet<>();
			python.workers().forEach(worker -> pids.add(worker.pid()));
			assertThat(pids).hasSize(2);
			assertThat(pids).contains(((Number) secondPid).longValue());
			assertThat(tools.call("pid")).isNotNull();
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
			List<CompletableFuture<Object>> calls = List.of(tools.callAsync("spin", 2_000_000),
					tools.callAsync("spin", 2_000_000));
			calls.forEach(CompletableFuture::join);
			assertThat(python.workers()).allSatisfy(worker -> assertThat(worker.inFlight()).isZero());
			assertThat(python.callStats()).anySatisfy(stats -> assertThat(stats.count()).isEqualTo(2));
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
