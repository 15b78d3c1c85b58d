package dev.esem;

/**
 * A Python value could not become the Java type that was declared for it without losing
 * something: {@code 1.7} for an {@code int}, the number {@code 1} for a {@code String}, a
 * missing value for a primitive, a Python object handle for a record, two Python keys
 * that are one key in Java. The call itself ran; this is a mismatch of types, not a
 * failure of the worker, and retrying it gives the same result.
 * <p>
 * The message names the value's position, the value and the Java target type;
 * {@link #path()} is the position alone.
 */
public class PythonConversionException extends ClassCastException {

	private final String path;

	public PythonConversionException(String path, String message) {
		super(message);
		this.path = (path != null) ? path : "";
	}

	/**
	 * Where in the result the value sits: {@code [1].n} for component {@code n} of the
	 * second row, {@code scores[0]} for the first element of property {@code scores};
	 * empty for the whole result.
	 */
	public String path() {
		return this.path;
	}

}
