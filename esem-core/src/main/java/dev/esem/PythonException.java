package dev.esem;

/**
 * Python raised an exception while serving a call. The message is {@code str(exc)};
 * {@link #pythonType()} and {@link #pythonTraceback()} tell what and where.
 */
public class PythonException extends RuntimeException {

	private final String pythonType;

	private final String pythonTraceback;

	public PythonException(String pythonType, String message, String pythonTraceback) {
		super(message);
		this.pythonType = pythonType;
		this.pythonTraceback = pythonTraceback;
	}

	/** The Python exception class name, for example {@code "ValueError"}. */
	public String pythonType() {
		return this.pythonType;
	}

	/** The formatted Python traceback, as {@code traceback.format_exception} wrote it. */
	public String pythonTraceback() {
		return this.pythonTraceback;
	}

	@Override
	public String toString() {
		return getClass().getName() + ": " + this.pythonType + ": " + getMessage();
	}

}
