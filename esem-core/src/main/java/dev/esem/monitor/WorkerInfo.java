package dev.esem.monitor;

import java.time.Duration;

/**
 * One worker slot of the pool.
 *
 * @param id the slot id, from 1
 * @param pid the process id of the current process, or -1 when none runs
 * @param generation how many processes this slot has started
 * @param state the slot state
 * @param uptime how long the current process has run
 * @param restarts how many times the slot's process was replaced
 * @param inFlight calls sent and not answered yet
 * @param registrySize live Python instances in the worker, as the worker reported it
 * (-1 when it did not answer)
 * @param lastFailure why the last process ended, or {@code null}
 * @param openStreams streams of Python iterables that Java has open on the worker
 * @param callbacks Java functions that the worker's Python code holds as callables
 * @param replicas replicas of replicated objects built in the current process
 * @param replicaFailure the Python error of the last replica that failed to build in this
 * slot, keeping it out of service, or {@code null}
 */
public record WorkerInfo(int id, long pid, int generation, WorkerState state, Duration uptime, int restarts,
		int inFlight, int registrySize, String lastFailure, int openStreams, int callbacks, int replicas,
		String replicaFailure) {

	/** A slot without replicas. */
	public WorkerInfo(int id, long pid, int generation, WorkerState state, Duration uptime, int restarts,
			int inFlight, int registrySize, String lastFailure, int openStreams, int callbacks) {
		this(id, pid, generation, state, uptime, restarts, inFlight, registrySize, lastFailure, openStreams,
				callbacks, 0, null);
	}

	/** This info with the slot's replicas. */
	public WorkerInfo withReplicas(int replicas, String replicaFailure) {
		return new WorkerInfo(this.id, this.pid, this.generation, this.state, this.uptime, this.restarts,
				this.inFlight, this.registrySize, this.lastFailure, this.openStreams, this.callbacks, replicas,
				replicaFailure);
	}

}
