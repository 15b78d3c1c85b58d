package dev.esem;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A JVM started by a test with the test classpath, running one of the test's main
 * classes; its output (stdout and stderr) is collected line by line.
 */
final class ChildJvm implements AutoCloseable {

	private final Process process;

	private final List<String> lines = new CopyOnWriteArrayList<>();

	private ChildJvm(Process process) {
		this.process = process;
		Thread reader = new Thread(this::collect, "child-jvm-output");
		reader.setDaemon(true);
		reader.start();
	}

	/** Starts {@code main} with the JVM options, then the build's interpreter and the fixtures as arguments. */
	static ChildJvm start(Class<?> main, List<String> jvmOptions, String... moreArgs) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName(), TestBridges.python(),
				TestBridges.fixtures().toString()));
		command.addAll(List.of(moreArgs));
		return new ChildJvm(new ProcessBuilder(command).redirectErrorStream(true).start());
	}

	private void collect() {
		try (BufferedReader out = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			out.lines().forEach(this.lines::add);
		}
		catch (IOException | UncheckedIOException ex) {
			// the child was destroyed and its output closed under the reader
		}
	}

	Process process() {
		return this.process;
	}

	List<String> lines() {
		return List.copyOf(this.lines);
	}

	/** The rest of the first line that starts with {@code prefix}. */
	Optional<String> valueOf(String prefix) {
		return this.lines.stream().filter(line -> line.startsWith(prefix)).findFirst()
			.map(line -> line.substring(prefix.length()));
	}

	@Override
	public void close() {
		this.process.destroyForcibly();
	}

}
