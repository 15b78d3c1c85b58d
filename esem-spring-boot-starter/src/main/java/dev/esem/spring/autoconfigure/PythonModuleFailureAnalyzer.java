package dev.esem.spring.autoconfigure;

import dev.esem.PythonModuleLoadException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a startup that failed because a Python module could not be loaded: an
 * {@code esem.preload} module, or the module of a {@code @PythonModule} or
 * {@code @PythonClass} interface.
 */
class PythonModuleFailureAnalyzer extends AbstractFailureAnalyzer<PythonModuleLoadException> {

	private static final String RESOLUTION = "A relative file such as 'pricing.py' is looked up in each "
			+ "esem.python-path location (default classpath:python/, that is src/main/resources/python), then in "
			+ "esem.working-directory; './pricing.py' names the working directory alone.";

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, PythonModuleLoadException cause) {
		String error = cause.pythonType() + ": " + cause.getMessage();
		String traceback = (cause.pythonTraceback() != null && !cause.pythonTraceback().isBlank())
				? System.lineSeparator() + System.lineSeparator() + "Python traceback:" + System.lineSeparator()
						+ cause.pythonTraceback().stripTrailing()
				: "";
		if (cause.preloaded()) {
			return new FailureAnalysis("The Python module '" + cause.spec() + "' listed in esem.preload failed to "
					+ "import. " + error + traceback,
					"Fix the module (or install what it imports for the interpreter set by esem.python), or "
							+ "remove it from esem.preload. " + RESOLUTION,
					cause);
		}
		return new FailureAnalysis("The Python module '" + cause.spec() + "' failed to load while the application "
				+ "started. " + error + traceback,
				"Check the module spec of the @PythonModule or @PythonClass interface (or of the "
						+ "PythonBridge.module call) that names it. " + RESOLUTION
						+ " Fix the module or install what it imports for the interpreter set by esem.python.",
				cause);
	}

}
