package dev.esem.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import dev.esem.NDArray;
import dev.esem.PyModule;
import dev.esem.PythonBridge;

/**
 * Small-array calls against scalar calls, and start-up against the interpreter's own
 * start-up (its real executable, not a launcher shim such as pyenv's).
 */
final class RoundThree {

	private final String python;

	private final Path scripts;

	private final Rounds rounds;

	private final boolean quick;

	RoundThree(String python, Path scripts, Rounds rounds, boolean quick) {
		this.python = python;
		this.scripts = scripts;
		this.rounds = rounds;
		this.quick = quick;
	}

	void run(EsemLoad esem, List<Figure> figures) throws Exception {
		smallArrays(esem, figures);
		startUp(figures);
	}

	private void smallArrays(EsemLoad esem, List<Figure> figures) throws Exception {
		PyModule model = esem.bridge.module("model_bench");
		NDArray input = NDArray.of(new float[16], 1, 16);
		int calls = this.quick ? 2_000 : 10_000;
		Benchmarks.progress("small-array calls");
		double[] m = this.rounds.medians(() -> micros(calls, () -> model.call("add", 1, 2)), () -> micros(calls, () -> {
			NDArray out = (NDArray) model.call("head", input);
			if (out.size() != 4) {
				throw new IllegalStateException("head returned " + out);
			}
		}));
		figures.add(Figure.atMost("1x16 float32 NDArray in, 1x4 ndarray out", m[1], "us", "a scalar call", m[0], 2.0));
	}

	private static double micros(int count, Runnable call) {
		long begin = System.nanoTime();
		for (int i = 0; i < count; i++) {
			call.run();
		}
		return (System.nanoTime() - begin) / 1e3 / count;
	}

	void startUp(List<Figure> figures) throws Exception {
		String executable = realExecutable(this.python);
		Benchmarks.progress("start-up");
		double cold = startMillis(executable); // the first bridge of this JVM: classes load
		double[] m = new Rounds(1, this.quick ? 3 : 7).medians(() -> printOneMillis(executable),
				() -> startMillis(executable));
		figures.add(Figure.atMost("build() + first call", m[1], "ms", "python -c \"print(1)\" from Java", m[0], 2.0));
		figures.add(Figure.info("build() + first call, first in the JVM", cold, "ms",
				"python -c \"print(1)\" from Java", m[0]));
	}

	private double startMillis(String executable) {
		long begin = System.nanoTime();
		try (PythonBridge bridge = PythonBridge.builder()
			.python(executable)
			.pythonPath(this.scripts)
			.workingDirectory(this.scripts)
			.build()) {
			bridge.module("model_bench").call("add", 1, 2);
			return (System.nanoTime() - begin) / 1e6;
		}
	}

	private static double printOneMillis(String executable) throws Exception {
		long begin = System.nanoTime();
		Process process = new ProcessBuilder(executable, "-c", "print(1)").start();
		try (BufferedReader out = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))) {
			if (!"1".equals(out.readLine())) {
				throw new IllegalStateException(executable + " did not print 1");
			}
		}
		double millis = (System.nanoTime() - begin) / 1e6;
		process.waitFor();
		return millis;
	}

	/** The interpreter's own executable ({@code sys.executable}), past any launcher shim. */
	static String realExecutable(String python) throws Exception {
		Process process = new ProcessBuilder(python, "-c", "import sys; print(sys.executable)").start();
		try (BufferedReader out = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String executable = out.readLine();
			process.waitFor();
			return (executable == null || executable.isBlank()) ? python : executable;
		}
	}

}
