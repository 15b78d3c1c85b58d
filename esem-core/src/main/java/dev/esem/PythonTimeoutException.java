package dev.esem;

/** A call outlived its timeout. The worker stuck in it is replaced unless configured otherwise. */
public class PythonTimeoutException extends PythonWorkerException {

	public PythonTimeoutException(String message) {
		super(message);
	}

	/** @param cause where Python was when the call was interrupted, when it was */
	public PythonTimeoutException(String message, Throwable cause) {
		super(message, cause);
	}

}
