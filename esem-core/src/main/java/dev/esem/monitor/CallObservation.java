package dev.esem.monitor;

/**
 * One call as an observer sees it: what {@link BridgeListener#observeCall} returns when a
 * call starts, and is told once when it ends. A tracing integration returns one that
 * holds the call's span; without one, calls are not observed and nothing is sent.
 */
public interface CallObservation {

	/**
	 * The W3C {@code traceparent} of the call's span ({@code 00-<trace id>-<span id>-<flags>}),
	 * sent with the request so that Python's log records written while serving it carry
	 * the trace; {@code null} when no trace is current.
	 */
	default String traceparent() {
		return null;
	}

	/**
	 * The call ended; {@code failure} is what it failed with, or {@code null}. Runs on
	 * the thread that ended it (a worker's reader, the timer): must not block.
	 */
	void ended(CallOutcome outcome, Throwable failure);

}
