package dev.esem.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The Python scripts of the benchmarks, copied out of the jar into a temporary directory. */
final class Scripts {

	private static final String[] FILES = { "bench.py", "echo_loop.py", "json_loop.py", "json_cost.py",
			"http_add.py", "bulk_peer.py", "flows_bench.py", "serving_bench.py", "model_bench.py",
			"tables_bench.py" };

	private Scripts() {
	}

	static Path extract() {
		try {
			Path directory = Files.createTempDirectory("esem-benchmarks-");
			// with what Python adds (its __pycache__), which deleteOnExit would leave
			Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(directory)));
			for (String file : FILES) {
				try (InputStream in = Scripts.class.getResourceAsStream("python/" + file)) {
					if (in == null) {
						throw new IllegalStateException("Missing benchmark script " + file);
					}
					Files.copy(in, directory.resolve(file));
				}
			}
			return directory;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void deleteTree(Path directory) {
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
		catch (IOException ex) {
			// gone already, or not ours to delete: the JVM is ending either way
		}
	}

}
