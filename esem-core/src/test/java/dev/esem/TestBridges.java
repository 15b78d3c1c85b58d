package dev.esem;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** Bridges for tests: the build's interpreter, with the fixture modules on the path. */
final class TestBridges {

	private TestBridges() {
	}

	static String python() {
		return System.getProperty("esem.test.python", "python3");
	}

	/**
	 * The interpreter with pandas, scikit-learn, scipy and torch: Debian's {@code python3}
	 * ({@code -Desem.test.data-python} overrides). Fails, naming the packages to install,
	 * when one of {@code modules} does not import there: such a test never skips.
	 */
	static String dataPython(String... modules) {
		String python = System.getProperty("esem.test.data-python", "/usr/bin/python3");
		String imports = "import " + String.join(", ", modules);
		try {
			Process check = new ProcessBuilder(python, "-c", imports).redirectErrorStream(true).start();
			String output = new String(check.getInputStream().readAllBytes());
			if (check.waitFor() != 0) {
				throw new AssertionError(python + " cannot run '" + imports + "': install Debian's packages with "
						+ "'apt-get install -y --no-install-recommends python3-pandas python3-sklearn python3-scipy "
						+ "python3-torch' (the project's test command does so when run as root)\n" + output);
			}
			return python;
		}
		catch (IOException ex) {
			throw new AssertionError(python + " could not be started; it is needed for " + imports, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	/** A bridge on {@link #dataPython} with the fixture modules on the path. */
	static PythonBridge.Builder dataBuilder(String... modules) {
		return builder().python(dataPython(modules));
	}

	static Path fixtures() {
		try {
			return Path.of(Objects.requireNonNull(TestBridges.class.getResource("/python")).toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static PythonBridge.Builder builder() {
		return PythonBridge.builder().python(python()).pythonPath(fixtures()).workingDirectory(fixtures());
	}

	/** Python processes whose command line mentions the esem worker, alive now. */
	static List<ProcessHandle> liveWorkers(long parentPid) {
		return ProcessHandle.allProcesses()
			.filter(process -> process.parent().map(parent -> parent.pid() == parentPid).orElse(false))
			.filter(process -> process.info().commandLine().orElse("").contains("esem_worker"))
			.toList();
	}

}
