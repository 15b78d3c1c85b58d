package dev.esem.spring.autoconfigure;

import dev.esem.PythonException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a startup that failed because a Python module raised while it was imported:
 * an {@code esem.preload} module, or the module of a {@code @PythonModule} or
 * {@code @PythonClass} interface.
 */
class PythonModuleFailureAnalyzer extends AbstractFailureAnalyzer<PythonException> {

	private static final String PRELOAD = "Could not preload Python module";

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, PythonException cause) {
		String error = cause.pythonType() + ": " + cause.getMessage();
		String traceback = (cause.pythonTraceback() != null && !cause.pythonTraceback().isBlank())
				? System.lineSeparator() + System.lineSeparator() + "Python traceback:" + System.lineSeparator()
						+ cause.pythonTraceback().stripTrailing()
				: "";
		if (cause.getMessage() != null && cause.getMessage().startsWith(PRELOAD)) {
			return new FailureAnalysis("A module listed in esem.preload failed to import. " + error + traceback,
					"Fix the module (or install what it imports for the interpreter set by esem.python), or "
							+ "remove it from esem.preload. Relative module files resolve against "
							+ "esem.working-directory and then each esem.python-path location.",
					cause);
		}
		return new FailureAnalysis("A Python module failed to load while the application started. " + error
				+ traceback,
				"Check the module spec of the @PythonModule or @PythonClass interface: a relative file such as "
						+ "'pricing.py' resolves against esem.working-directory and then each esem.python-path "
						+ "location (default classpath:python/, that is src/main/resources/python). Fix the module "
						+ "or install what it imports for the interpreter set by esem.python.",
				cause);
	}

}
