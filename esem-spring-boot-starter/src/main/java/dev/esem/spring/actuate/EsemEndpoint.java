package dev.esem.spring.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.esem.PythonBridge;
import dev.esem.monitor.CallStats;
import dev.esem.monitor.LeakReport;
import dev.esem.monitor.WorkerInfo;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * The {@code esem} actuator endpoint: the workers, the live Python instances, the leaks
 * and the call statistics of the {@link PythonBridge}. {@code GET /actuator/esem} returns
 * every section, {@code GET /actuator/esem/{section}} one of them.
 */
@Endpoint(id = "esem")
public class EsemEndpoint {

	/** How long each worker may take to answer the ping that reads its registry size. */
	static final Duration PING_TIMEOUT = Duration.ofSeconds(2);

	private final PythonBridge bridge;

	public EsemEndpoint(PythonBridge bridge) {
		this.bridge = bridge;
	}

	@ReadOperation
	public EsemDescriptor esem() {
		List<WorkerDescriptor> workers = workers();
		return new EsemDescriptor(workers, registry(workers), leaks(), calls());
	}

	/**
	 * One section: {@code workers}, {@code registry}, {@code leaks} or {@code calls}.
	 * @param section the section name
	 * @return the section, or {@code null} (404) for an unknown name
	 */
	@ReadOperation
	public @Nullable Object section(@Selector String section) {
		return switch (section) {
			case "workers" -> workers();
			case "registry" -> registry(workers());
			case "leaks" -> leaks();
			case "calls" -> calls();
			default -> null;
		};
	}

	private List<WorkerDescriptor> workers() {
		Map<Integer, String> problems = new TreeMap<>();
		List<WorkerInfo> workers = this.bridge.isRunning() ? this.bridge.ping(PING_TIMEOUT, problems)
				: this.bridge.workers();
		return workers.stream().map((worker) -> WorkerDescriptor.of(worker, problems.get(worker.id()))).toList();
	}

	private static RegistryDescriptor registry(List<WorkerDescriptor> workers) {
		return new RegistryDescriptor(workers.stream().mapToInt((worker) -> Math.max(0, worker.registrySize())).sum());
	}

	private LeaksDescriptor leaks() {
		return new LeaksDescriptor(this.bridge.leakCount(),
				this.bridge.leaks().stream().map(LeakDescriptor::of).toList());
	}

	private List<CallsDescriptor> calls() {
		return this.bridge.callStats().stream().map(CallsDescriptor::of).toList();
	}

	/** An ISO-8601 duration to the millisecond, like {@code PT2M3.512S}. */
	private static String iso(Duration duration) {
		return (duration != null) ? Duration.ofMillis(duration.toMillis()).toString() : null;
	}

	private static double millis(Duration duration) {
		return (duration != null) ? duration.toNanos() / 1_000_000.0 : 0.0;
	}

	/**
	 * Everything the endpoint knows.
	 *
	 * @param workers the worker slots
	 * @param registry the live Python instances
	 * @param leaks the instances collected without release
	 * @param calls call statistics per module and target
	 */
	public record EsemDescriptor(List<WorkerDescriptor> workers, RegistryDescriptor registry, LeaksDescriptor leaks,
			List<CallsDescriptor> calls) implements OperationResponseBody {
	}

	/**
	 * One worker slot.
	 *
	 * @param id the slot id, from 1
	 * @param pid the process id, or -1 when no process runs
	 * @param state the slot state ({@code STARTING}, {@code READY}, {@code RESTARTING},
	 * {@code FAILED}, {@code STOPPED})
	 * @param uptime how long the current process has run (ISO-8601)
	 * @param restarts how many times the process was replaced
	 * @param inFlight calls sent and not answered yet
	 * @param registrySize live Python instances the worker reported, or -1 when it did not
	 * answer
	 * @param openStreams streams of Python iterables open on the worker
	 * @param callbacks Java functions that the worker's Python code holds as callables
	 * @param replicas replicas of replicated objects built in the worker
	 * @param replicaFailure the Python error of a replica that failed to build, keeping the
	 * worker out of service, or {@code null}
	 * @param problem why the worker did not answer the ping, or {@code null}
	 */
	public record WorkerDescriptor(int id, long pid, String state, String uptime, int restarts, int inFlight,
			int registrySize, int openStreams, int callbacks, int replicas, @Nullable String replicaFailure,
			@Nullable String problem) implements OperationResponseBody {

		static WorkerDescriptor of(WorkerInfo worker, @Nullable String problem) {
			return new WorkerDescriptor(worker.id(), worker.pid(), worker.state().name(), iso(worker.uptime()),
					worker.restarts(), worker.inFlight(), worker.registrySize(), worker.openStreams(),
					worker.callbacks(), worker.replicas(), worker.replicaFailure(), problem);
		}

	}

	/**
	 * The Python registries of all workers.
	 *
	 * @param size the live Python instances in all workers
	 */
	public record RegistryDescriptor(int size) implements OperationResponseBody {
	}

	/**
	 * The instances that Java dropped without releasing them.
	 *
	 * @param count how many were collected since start
	 * @param instances the most recent ones
	 */
	public record LeaksDescriptor(long count, List<LeakDescriptor> instances) implements OperationResponseBody {
	}

	/**
	 * One leaked instance (already released in Python by the bridge).
	 *
	 * @param refId the registry id
	 * @param pythonClass the Python class name
	 * @param module the Python module of the class
	 * @param createdAt when it reached Java (ISO-8601)
	 * @param age how long it lived (ISO-8601)
	 * @param creationSite the Java stack where it was created, when
	 * {@code esem.leak-detection.track-creation-site} is on
	 */
	public record LeakDescriptor(String refId, String pythonClass, String module, String createdAt, String age,
			@Nullable String creationSite) implements OperationResponseBody {

		static LeakDescriptor of(LeakReport leak) {
			Instant createdAt = leak.createdAt();
			return new LeakDescriptor(leak.refId(), leak.pythonClass(), leak.module(),
					(createdAt != null) ? createdAt.toString() : null, iso(leak.age()), leak.creationSite());
		}

	}

	/**
	 * Calls of one target since the bridge started.
	 *
	 * @param module the Python module name
	 * @param target the function, {@code Class.method}, or class name (construction)
	 * @param count calls ended
	 * @param failures calls that did not end with a result
	 * @param meanMillis mean latency in milliseconds
	 * @param maxMillis longest latency in milliseconds
	 */
	public record CallsDescriptor(String module, String target, long count, long failures, double meanMillis,
			double maxMillis) implements OperationResponseBody {

		static CallsDescriptor of(CallStats stats) {
			return new CallsDescriptor(stats.module(), stats.target(), stats.count(), stats.failures(),
					millis(stats.mean()), millis(stats.max()));
		}

	}

}
