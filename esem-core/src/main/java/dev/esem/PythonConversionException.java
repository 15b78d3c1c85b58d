package dev.esem;

/**
 * A Python value that cannot become the Java type asked for without losing something.
 * Its message names the position of the value, the value and the Java type; the call
 * itself succeeded, and nothing else of its result is lost.
 */
public class PythonConversionException extends ClassCastException {

	private static final long serialVersionUID = 1L;

	private final String path;

	public PythonConversionException(String message, String path) {
		super(message);
		this.path = (path != null) ? path : "";
	}

	/** Where the value is in the result: {@code [1].n} for component {@code n} of the second row; empty for the whole result. */
	public String path() {
		return this.path;
	}

}
