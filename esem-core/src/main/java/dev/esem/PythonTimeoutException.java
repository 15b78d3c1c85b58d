package dev.esem;

/** A call outlived its timeout. The worker stuck in it is replaced unless configured otherwise. */
public class PythonTimeoutException extends PythonWorkerException {

	public PythonTimeoutException(String message) {
		super(message);
	}

}
