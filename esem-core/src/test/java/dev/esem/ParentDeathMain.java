package dev.esem;

import java.nio.file.Path;

/**
 * Run in a child JVM by {@link FaultInjectionTest}: starts a bridge, prints its worker's
 * pid, and waits to be killed.
 */
public final class ParentDeathMain {

	private ParentDeathMain() {
	}

	public static void main(String[] args) throws Exception {
		PythonBridge python = PythonBridge.builder().python(args[0]).pythonPath(Path.of(args[1])).build();
		System.out.println("worker-pid=" + python.workers().get(0).pid());
		System.out.flush();
		new java.util.concurrent.CountDownLatch(1).await();
	}

}
