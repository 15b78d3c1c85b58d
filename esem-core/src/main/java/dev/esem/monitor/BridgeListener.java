package dev.esem.monitor;

/**
 * Hooks into a bridge's events. Methods run on bridge threads (a worker's reader, the
 * I/O threads that restart workers, the cleaner): keep them short and never block in them.
 */
public interface BridgeListener {

	/** A call ended. */
	default void callEnded(String module, String target, CallOutcome outcome, long nanos) {
	}

	/** A call was sent. */
	default void callStarted(String module, String target) {
	}

	/**
	 * A call starts, on the thread that makes it (before its request is written): returns
	 * what observes it to its end, or {@code null} (the default) to leave it unobserved.
	 * The first listener that returns one observes the call.
	 *
	 * @param worker the name of the worker that serves it ({@code worker-1})
	 * @param refId the id of the Python object whose method or attribute it calls, or
	 * {@code null} for a module's function or class
	 */
	default CallObservation observeCall(String module, String target, String worker, String refId) {
		return null;
	}

	/** A worker process was replaced after it died, timed out or was recycled. */
	default void workerRestarted(int workerId, String reason) {
	}

	/**
	 * A batch of a batched function left for Python.
	 *
	 * @param size its items, one per caller
	 * @param queueWaitNanos how long each item waited in the queue for its batch to leave
	 */
	default void batchSent(String module, String target, int size, long[] queueWaitNanos) {
	}

	/** An instance was collected without release and released by the bridge. */
	default void instanceLeaked(LeakReport leak) {
	}

}
