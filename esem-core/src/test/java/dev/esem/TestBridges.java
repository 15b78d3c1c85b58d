package dev.esem;

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
