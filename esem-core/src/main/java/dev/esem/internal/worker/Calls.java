package dev.esem.internal.worker;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import dev.esem.PythonWorkerException;

/** Waiting for a call's future on behalf of a blocking API method. */
public final class Calls {

	private static final int SPINS = 2_000;

	private Calls() {
	}

	/**
	 * Waits for {@code future}; rethrows its failure with the caller's stack. Every call
	 * future ends (reply, worker death, timeout or close), so this never waits forever.
	 * A call sent as awaited reads its own reply when it can (see {@link ReplyReader}).
	 */
	@SuppressWarnings("unchecked")
	public static <T> T await(CompletableFuture<T> future) {
		if (ReplyReader.isReadingThread()) {
			throw new IllegalStateException("A blocking esem call was made on a worker reader thread (inside a "
					+ "callback of an esem future); use the *Async callback variants or callAsync instead");
		}
		try {
			if (future instanceof PendingCall call) {
				Worker.await(call);
				return (T) call.get();
			}
			// a reply often comes within microseconds: a short spin saves the park/unpark hand-off
			for (int i = 0; i < SPINS && !future.isDone(); i++) {
				Thread.onSpinWait();
			}
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
