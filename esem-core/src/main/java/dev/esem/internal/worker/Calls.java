package dev.esem.internal.worker;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import dev.esem.PythonWorkerException;

/** Waiting for a call's future on behalf of a blocking API method. */
public final class Calls {

	private Calls() {
	}

	/**
	 * Refuses a blocking call on a thread that reads a worker's replies (a
	 * {@link dev.esem.monitor.BridgeListener} runs there): it could wait for a reply that
	 * only its own thread would read. Checked before anything is sent.
	 */
	public static void checkMayBlock() {
		if (ReplyReader.isReadingThread()) {
			throw new IllegalStateException("A blocking esem call was made on a thread that reads Python replies "
					+ "(inside a BridgeListener); use callAsync there instead");
		}
	}

	/**
	 * Waits for {@code future}; rethrows its failure with the caller's stack. Every call
	 * future ends (reply, worker death, timeout or close), so this never waits forever.
	 */
	public static <T> T join(CompletableFuture<T> future) {
		try {
			return future.get();
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof RuntimeException runtime) {
				runtime.fillInStackTrace();
				throw runtime;
			}
			if (cause instanceof Error error) {
				throw error;
			}
			throw new PythonWorkerException("Call failed: " + cause, cause);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new PythonWorkerException("Interrupted while waiting for Python", ex);
		}
	}

}
