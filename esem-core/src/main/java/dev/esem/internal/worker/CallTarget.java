package dev.esem.internal.worker;

/**
 * What a call addresses, for metrics and messages: the small value key of call
 * statistics. It stays apart from {@link Call} because it outlives each call: the
 * statistics are kept per target, and a module or class makes each of its targets once
 * and hands the same one to all its calls.
 *
 * @param module the Python module name, or {@code null} for the bridge's own requests
 * @param target the function, {@code Class.method} or class name
 */
public record CallTarget(String module, String target) {

	/**
	 * The target of calls to names that the module or class does not list (mistyped,
	 * private, or taken from user input): one value for them all keeps statistics and
	 * metric tags bounded.
	 */
	public static final String OTHER = "(other)";

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
