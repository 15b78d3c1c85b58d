package dev.esem;

/**
 * A worker could not serve a call: it died, could not start, was replaced, broke the
 * protocol, or the bridge was closed. The message says which.
 */
public class PythonWorkerException extends RuntimeException {

	public PythonWorkerException(String message) {
		super(message);
	}

	public PythonWorkerException(String message, Throwable cause) {
		super(message, cause);
	}

}
