package dev.esem.spring.autoconfigure;

import dev.esem.PythonBridge;
import dev.esem.PythonInterpreterException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a startup that failed because the Python interpreter could not be run: not
 * on the PATH, a path that does not exist, or a file that is not executable.
 */
class PythonInterpreterFailureAnalyzer extends AbstractFailureAnalyzer<PythonInterpreterException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, PythonInterpreterException cause) {
		return new FailureAnalysis("The Python workers could not start: " + cause.getMessage(),
				"Set the property esem.python (or the " + PythonBridge.PYTHON_ENVIRONMENT_VARIABLE
						+ " environment variable) to a Python 3.9+ interpreter: a name on the PATH such as "
						+ "python3.12, or the path of a virtual environment's python. A relative path such as "
						+ ".venv/bin/python resolves against the directory the application was started from.",
				cause);
	}

}
