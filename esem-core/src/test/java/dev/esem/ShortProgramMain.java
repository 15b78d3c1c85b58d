package dev.esem;

import java.nio.file.Path;

/**
 * Run in a child JVM by {@link FaultInjectionTest}: calls Python and returns from main
 * without closing the bridge, as a short program may.
 */
public final class ShortProgramMain {

	private ShortProgramMain() {
	}

	public static void main(String[] args) {
		PythonBridge python = PythonBridge.builder().python(args[0]).pythonPath(Path.of(args[1])).build();
		System.out.println("worker-pid=" + python.workers().get(0).pid());
		System.out.println("sum=" + python.module("tools").call("add", 2, 3));
	}

}
