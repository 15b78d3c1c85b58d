package dev.esem;

/**
 * The Python interpreter could not be run: it is not on the {@code PATH}, its path does
 * not exist, or it is not executable. The message names the interpreter, the path that
 * was tried and how to set another one.
 */
public class PythonInterpreterException extends PythonWorkerException {

	private final String python;

	public PythonInterpreterException(String python, String message, Throwable cause) {
		super(message, cause);
		this.python = python;
	}

	/** The interpreter as configured ({@code "python3.12"}, {@code ".venv/bin/python"}). */
	public String python() {
		return this.python;
	}

}
