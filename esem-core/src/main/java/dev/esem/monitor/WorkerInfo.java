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
 */
public record WorkerInfo(int id, long pid, int generation, WorkerState state, Duration uptime, int restarts,
		int inFlight, int registrySize, String lastFailure, int openStreams, int callbacks) {
}
