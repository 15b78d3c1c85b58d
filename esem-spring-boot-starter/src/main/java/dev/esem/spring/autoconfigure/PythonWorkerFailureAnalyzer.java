package dev.esem.spring.autoconfigure;

import dev.esem.PythonBridge;
import dev.esem.PythonWorkerException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a startup that failed because the Python workers could not start, most often
 * because the interpreter is missing.
 */
class PythonWorkerFailureAnalyzer extends AbstractFailureAnalyzer<PythonWorkerException> {

	private static final String MISSING_INTERPRETER = "Could not start the Python interpreter";

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, PythonWorkerException cause) {
		String message = cause.getMessage();
		if (message != null && message.startsWith(MISSING_INTERPRETER)) {
			return new FailureAnalysis("The Python workers could not start: " + message,
					"Set the property esem.python (or the " + PythonBridge.PYTHON_ENVIRONMENT_VARIABLE
							+ " environment variable) to a Python 3.9+ interpreter: a name on the PATH such as "
							+ "python3.12, or the path of a virtual environment's python.",
					cause);
		}
		return new FailureAnalysis("The Python workers could not start: " + message,
				"Check that esem.python (or the " + PythonBridge.PYTHON_ENVIRONMENT_VARIABLE
						+ " environment variable) names a working Python 3.9+ interpreter, and raise "
						+ "esem.startup-timeout or esem.call-timeout if the workers or the modules need longer to "
						+ "start.",
				cause);
	}

}
