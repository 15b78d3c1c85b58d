package dev.esem.maven;

import java.nio.file.Path;
import java.time.Duration;

/** The build's interpreter and the fixture modules of the tests. */
final class TestPython {

	/** The modules under {@code src/test/resources/python}. */
	static final Path MODULES = Path.of("src/test/resources/python").toAbsolutePath();

	private TestPython() {
	}

	static String interpreter() {
		return System.getProperty("esem.test.python", "python3");
	}

	static PythonInspector inspector(Path scratch) {
		return inspector(scratch, Duration.ofSeconds(60));
	}

	static PythonInspector inspector(Path scratch, Duration timeout) {
		return new PythonInspector(interpreter(), MODULES, MODULES, scratch, timeout);
	}

}
