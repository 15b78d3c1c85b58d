package dev.esem.monitor;

/** How a call ended. */
public enum CallOutcome {

	SUCCESS, PYTHON_ERROR, TIMEOUT, WORKER_ERROR,

	/** The call's future was cancelled, or its coroutine cancelled itself. */
	CANCELLED;

	/** The lower-case tag value, for example {@code python_error}. */
	public String tag() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
