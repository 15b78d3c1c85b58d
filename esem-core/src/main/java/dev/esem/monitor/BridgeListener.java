package dev.esem.monitor;

/**
 * Hooks into a bridge's events. Methods run on bridge threads (a worker's reader, the
 * supervisor, the cleaner): keep them short and never block in them.
 */
public interface BridgeListener {

	/** A call ended. */
	default void callEnded(String module, String target, CallOutcome outcome, long nanos) {
	}

	/** A call was sent. */
	default void callStarted(String module, String target) {
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
