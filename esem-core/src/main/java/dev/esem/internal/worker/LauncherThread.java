package dev.esem.internal.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The one thread that starts a bridge's worker processes (one per {@link WorkerLauncher});
 * it lives while any process it started runs.
 * <p>
 * On Linux a worker asks the kernel to kill it when the thread that started it ends
 * ({@code PR_SET_PDEATHSIG}), which is what ends a worker busy in C after the JVM's
 * {@code kill -9}. A worker started on a pooled thread that later retires would die with
 * that thread, so every worker is started here, whoever asks, and this thread ends only
 * once every process it started has exited (the next start begins a new one).
 */
final class LauncherThread {

	/** Null while no process started here runs. */
	private ExecutorService executor;

	/** Processes started here that have not exited. */
	private int running;

	/** Starts the process on the launcher thread and returns it. */
	Process start(ProcessBuilder builder) throws IOException {
		ExecutorService thread = acquire();
		Process process;
		try {
			process = CompletableFuture.supplyAsync(() -> {
				try {
					return builder.start();
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}, thread).join();
		}
		catch (CompletionException ex) {
			release();
			if (ex.getCause() instanceof UncheckedIOException io) {
				throw io.getCause();
			}
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw ex;
		}
		process.onExit().thenRun(this::release);
		return process;
	}

	private synchronized ExecutorService acquire() {
		if (this.executor == null) {
			this.executor = Executors.newSingleThreadExecutor(task -> {
				Thread thread = new Thread(task, "esem-launcher");
				thread.setDaemon(true);
				return thread;
			});
		}
		this.running++;
		return this.executor;
	}

	private synchronized void release() {
		if (--this.running == 0) {
			this.executor.shutdown();
			this.executor = null;
		}
	}

}
