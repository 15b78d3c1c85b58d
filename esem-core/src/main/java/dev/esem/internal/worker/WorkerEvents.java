package dev.esem.internal.worker;

import java.time.Duration;

/** What the pool hears from its workers. Runs on the thread that saw it; must not block. */
interface WorkerEvents {

	/** A user call on {@code worker} timed out and was not interrupted within {@code grace}: it is stuck. */
	void callStuck(Worker worker, CallTarget target, Duration timeout, Duration grace);

	/** The worker's process ended, for any reason; every call pending on it has failed. */
	void workerEnded(Worker worker, String reason);

}
