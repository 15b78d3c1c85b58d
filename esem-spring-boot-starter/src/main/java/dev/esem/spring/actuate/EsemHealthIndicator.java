package dev.esem.spring.actuate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.esem.PythonBridge;
import dev.esem.monitor.WorkerInfo;
import dev.esem.monitor.WorkerState;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of the Python workers: {@code UP} when the bridge runs and every worker is
 * ready and answers a ping within {@link #DEFAULT_TIMEOUT}; {@code DOWN} with the reason
 * otherwise. A worker whose replica of a replicated object failed to build is out of
 * service: the reason names the Python error (type and message). Details tell each
 * worker's state, pid, restarts and replicas, never tracebacks, stderr or environment
 * values. Belongs in the readiness group, not liveness: a
 * restarting worker makes the application briefly not ready, not dead.
 */
public class EsemHealthIndicator implements HealthIndicator {

	/** How long each worker may take to answer the ping. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

	private final PythonBridge bridge;

	private final Duration timeout;

	public EsemHealthIndicator(PythonBridge bridge) {
		this(bridge, DEFAULT_TIMEOUT);
	}

	public EsemHealthIndicator(PythonBridge bridge, Duration timeout) {
		this.bridge = bridge;
		this.timeout = timeout;
	}

	@Override
	public Health health() {
		if (!this.bridge.isRunning()) {
			return Health.down().withDetail("reason", "the Python bridge is not running").build();
		}
		Map<Integer, String> problems = new TreeMap<>();
		List<WorkerInfo> workers = this.bridge.ping(this.timeout, problems);
		List<String> reasons = new ArrayList<>();
		Map<String, Object> details = new LinkedHashMap<>();
		for (WorkerInfo worker : workers) {
			if (worker.replicaFailure() != null) {
				reasons.add("worker " + worker.id() + " is out of service: " + worker.replicaFailure());
			}
			else if (worker.state() != WorkerState.READY) {
				reasons.add("worker " + worker.id() + " is " + worker.state());
			}
			else if (problems.containsKey(worker.id())) {
				reasons.add("worker " + worker.id() + " " + problems.get(worker.id()));
			}
			details.put(Integer.toString(worker.id()), workerDetails(worker));
		}
		if (workers.isEmpty()) {
			reasons.add("no workers");
		}
		Health.Builder health = reasons.isEmpty() ? Health.up()
				: Health.down().withDetail("reason", String.join("; ", reasons));
		return health.withDetail("workers", details).build();
	}

	private static Map<String, Object> workerDetails(WorkerInfo worker) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("state", worker.state().name());
		details.put("pid", worker.pid());
		details.put("restarts", worker.restarts());
		details.put("replicas", worker.replicas());
		return details;
	}

}
