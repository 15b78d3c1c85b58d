package dev.esem;

import java.nio.file.Path;

/**
 * Run in a child JVM with a small heap by {@link HostilePythonTest}: a worker writes
 * one stderr line of hundreds of MiB, then prints; waits for its stdin to end.
 */
public final class StderrFloodMain {

	private StderrFloodMain() {
	}

	public static void main(String[] args) throws Exception {
		try (PythonBridge python = PythonBridge.builder().python(args[0]).pythonPath(Path.of(args[1])).build()) {
			PyModule hostile = python.module("hostile");
			System.out.println("flooded=" + hostile.call("flood_stderr", Integer.parseInt(args[2])));
			System.out.println("said=" + hostile.call("say", "after the flood"));
			System.out.flush();
			while (System.in.read() != -1) {
				// until the test closes our stdin
			}
		}
	}

}
