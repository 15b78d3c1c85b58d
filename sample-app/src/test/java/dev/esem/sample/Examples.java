package dev.esem.sample;

import java.nio.file.Path;

import dev.esem.PythonBridge;

/** Where the examples' Python lives; the tests run from the sample-app directory. */
final class Examples {

	/** The application's Python sources. */
	static final Path APPLICATION_PYTHON = Path.of("src/main/resources/python");

	/** Extra modules that only the examples use (type mapping, faults). */
	static final Path EXAMPLE_PYTHON = Path.of("src/test/resources/python-examples");

	private Examples() {
	}

	/** A bridge builder with both directories on sys.path and the build's interpreter ($ESEM_PYTHON). */
	static PythonBridge.Builder bridge() {
		return PythonBridge.builder().pythonPath(APPLICATION_PYTHON, EXAMPLE_PYTHON);
	}

}
