package dev.esem;

/**
 * A Python module could not be loaded: its file was not found, or importing it raised
 * (a dependency that is not installed, a syntax error, an error in its top-level code).
 * Thrown by {@link PythonBridge#module(String)}, and at start for a module that the
 * bridge preloads. {@link #pythonType()} and {@link #pythonTraceback()} are those of
 * the Python exception.
 */
public class PythonModuleLoadException extends PythonException {

	private final String spec;

	private final boolean preloaded;

	public PythonModuleLoadException(String spec, boolean preloaded, String pythonType, String message,
			String pythonTraceback) {
		super(pythonType, message, pythonTraceback);
		this.spec = spec;
		this.preloaded = preloaded;
	}

	/** The module spec that failed, as the application gave it ({@code "pricing.py"}). */
	public String spec() {
		return this.spec;
	}

	/** Whether the module failed while the bridge preloaded it at start. */
	public boolean preloaded() {
		return this.preloaded;
	}

}
