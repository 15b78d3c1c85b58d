package dev.esem.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What the figures were measured on.
 *
 * @param jvmArguments the JVM's own options (whether the heap was pre-touched matters)
 */
record Machine(int cores, String java, String python, String os, List<String> jvmArguments) {

	static Machine of(String python) {
		return new Machine(Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
				pythonVersion(python), System.getProperty("os.name") + " " + System.getProperty("os.arch"),
				ManagementFactory.getRuntimeMXBean().getInputArguments());
	}

	private static String pythonVersion(String python) {
		try {
			Process process = new ProcessBuilder(List.of(python, "-c", "import platform;print(platform.python_version())"))
				.redirectErrorStream(true)
				.start();
			String version = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
			return (process.waitFor() == 0) ? version : "unknown";
		}
		catch (IOException ex) {
			return "unknown";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "unknown";
		}
	}

	@Override
	public String toString() {
		return this.cores + " cores, Java " + this.java + ", CPython " + this.python + ", " + this.os
				+ (this.jvmArguments.isEmpty() ? "" : ", JVM options " + String.join(" ", this.jvmArguments));
	}

}
