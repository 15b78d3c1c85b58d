package dev.esem.internal.worker;

import java.time.Duration;

/** What the pool hears from its workers, on the thread that saw it (a timer, a reader): must not block. */
interface WorkerEvents {

	/**
	 * A call on {@code worker} is past its {@code timeout} and still had no reply
	 * {@code grace} later: it is stuck (in C code, say).
	 */
	void callStuck(Worker worker, CallTarget target, Duration timeout, Duration grace);

	/** The worker's process ended, for any reason; every call pending on it has failed. */
	void workerEnded(Worker worker, String reason);

}
