package dev.esem.monitor;

/** The state of one worker slot of the pool. */
public enum WorkerState {

	/** The process is starting and has not said hello yet. */
	STARTING,
	/** Serving calls. */
	READY,
	/** Died or replaced; a replacement is scheduled. */
	RESTARTING,
	/** Restarts are exhausted; calls fail fast. */
	FAILED,
	/** The bridge is closed. */
	STOPPED

}
