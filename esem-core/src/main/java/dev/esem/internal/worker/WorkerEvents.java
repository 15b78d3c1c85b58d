package dev.esem.internal.worker;

/** What the pool hears from its workers. Runs on the thread that saw it; must not block. */
interface WorkerEvents {

	/** A user call timed out on {@code worker}; the caller hears of it right after this returns. */
	void callTimedOut(Worker worker, CallTarget target);

	/** The worker's process ended, for any reason; every call pending on it has failed. */
	void workerEnded(Worker worker, String reason);

}
