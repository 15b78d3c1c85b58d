package dev.esem.internal.worker;

/**
 * What a call addresses, for metrics and messages.
 *
 * @param module the Python module name, or {@code null} for the bridge's own requests
 * @param target the function, {@code Class.method} or class name
 */
public record CallTarget(String module, String target) {

	/** A request of the bridge itself (ping, load, ...), not a user call. */
	public static CallTarget internal(String op) {
		return new CallTarget(null, op);
	}

	public boolean isInternal() {
		return this.module == null;
	}

	@Override
	public String toString() {
		return isInternal() ? this.target : this.module + "." + this.target;
	}

}
