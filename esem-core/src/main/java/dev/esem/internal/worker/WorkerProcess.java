package dev.esem.internal.worker;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The operating-system side of one worker: its process, the thread that drains its
 * stderr, and how it is stopped or killed and how its end is told.
 */
final class WorkerProcess {

	private final Process process;

	private final StderrTail stderr;

	/** The pid of the Python worker: the process started, until the worker says hello from its own. */
	private volatile long pythonPid;

	WorkerProcess(Process process, String workerName) {
		this.process = process;
		this.pythonPid = process.pid();
		this.stderr = new StderrTail(process.getErrorStream(), workerName);
		Thread drainer = new Thread(this.stderr, "esem-" + workerName + "-stderr");
		drainer.setDaemon(true);
		drainer.start();
	}

	OutputStream stdin() {
		return this.process.getOutputStream();
	}

	InputStream stdout() {
		return this.process.getInputStream();
	}

	/** Completes when the process has exited. */
	CompletableFuture<Process> onExit() {
		return this.process.onExit();
	}

	/** Waits up to {@code millis} for the process to exit; returns whether it has. */
	boolean awaitExit(long millis) throws InterruptedException {
		return this.process.waitFor(millis, TimeUnit.MILLISECONDS);
	}

	/** Kills the process and everything it started, at once (see {@link ProcessTree}). */
	void kill() {
		ProcessTree.kill(this.process, this.pythonPid);
	}

	/** The pid of the Python worker: the process started, or on Linux its child. */
	long pythonPid() {
		return this.pythonPid;
	}

	void pythonStarted(long pid) {
		this.pythonPid = pid;
	}

	/** How the process ended, in words; kills it first if it has not exited within two seconds. */
	String describeExit() {
		try {
			if (!awaitExit(2000)) {
				kill();
				awaitExit(2000);
			}
			return this.process.isAlive() ? "did not exit" : ExitDescription.of(this.process.exitValue());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "exit not awaited";
		}
	}

	/** The last lines the worker wrote to stderr. */
	String stderrTail() {
		return this.stderr.lastLines();
	}

}
