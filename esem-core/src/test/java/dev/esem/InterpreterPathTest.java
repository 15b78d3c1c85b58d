package dev.esem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** How the interpreter setting is found, and what its failure says. */
class InterpreterPathTest {

	@Test
	void aRelativeInterpreterPathResolvesAgainstTheCurrentDirectoryNotTheWorkersOne(@TempDir Path directory)
			throws IOException {
		Path python = interpreterScript(directory.resolve("venv/bin/python"));
		String relative = Path.of("").toAbsolutePath().relativize(python).toString();
		assertThat(relative).doesNotStartWith("/").contains("venv/bin/python");
		try (PythonBridge bridge = TestBridges.builder().python(relative).build()) {
			assertThat(bridge.python()).isEqualTo(relative);
			assertThat(bridge.module("tools.py").call("add", 1, 2)).isEqualTo(3);
		}
	}

	@Test
	void aMissingRelativeInterpreterSaysWhichPathWasTried() {
		PythonInterpreterException ex = catchThrowableOfType(PythonInterpreterException.class,
				() -> TestBridges.builder().python(".venv-that-is-not-there/bin/python").build());
		assertThat(ex).isInstanceOf(PythonWorkerException.class);
		assertThat(ex.python()).isEqualTo(".venv-that-is-not-there/bin/python");
		assertThat(ex.getMessage()).contains("'.venv-that-is-not-there/bin/python'")
			.contains("tried " + Path.of("").toAbsolutePath().resolve(".venv-that-is-not-there/bin/python"))
			.contains("ESEM_PYTHON");
	}

	@Test
	void aMissingInterpreterNameSaysItWasLookedUpOnThePath() {
		PythonInterpreterException ex = catchThrowableOfType(PythonInterpreterException.class,
				() -> TestBridges.builder().python("python3.99-not-installed").build());
		assertThat(ex.python()).isEqualTo("python3.99-not-installed");
		assertThat(ex.getMessage()).contains("'python3.99-not-installed' (looked up on the PATH)");
	}

	@Test
	void aMissingWorkingDirectoryIsNotMistakenForAMissingInterpreter(@TempDir Path directory) {
		Path missing = directory.resolve("gone");
		PythonWorkerException ex = catchThrowableOfType(PythonWorkerException.class,
				() -> TestBridges.builder().workingDirectory(missing).build());
		assertThat(ex).isNotInstanceOf(PythonInterpreterException.class);
		assertThat(ex.getMessage()).contains(missing.toString()).contains("workingDirectory(...)");
	}

	/** A script that runs the build's interpreter, as a venv's bin/python would. */
	private static Path interpreterScript(Path path) throws IOException {
		Files.createDirectories(path.getParent());
		Files.writeString(path, "#!/bin/sh\nexec " + TestBridges.python() + " \"$@\"\n");
		Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
		return path;
	}

}
