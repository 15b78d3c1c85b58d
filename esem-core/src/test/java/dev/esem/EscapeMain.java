package dev.esem;

import java.nio.file.Path;

/**
 * Run in a child JVM by {@link CallPathReliabilityTest}: starts a bridge, has its worker
 * start processes that escape its session and parentage, prints their pids and the
 * directory that holds the worker package, and waits to be killed.
 */
public final class EscapeMain {

	private EscapeMain() {
	}

	public static void main(String[] args) throws Exception {
		PythonBridge python = PythonBridge.builder().python(args[0]).pythonPath(Path.of(args[1])).build();
		System.out.println("escaped=" + python.module("escapes").call("escape"));
		System.out.println("worker-home=" + python.module("reliability.py").call("worker_home"));
		System.out.println("worker-pid=" + python.workers().get(0).pid());
		System.out.flush();
		new java.util.concurrent.CountDownLatch(1).await();
	}

}
