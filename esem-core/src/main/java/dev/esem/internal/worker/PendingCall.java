package dev.esem.internal.worker;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/** A request sent to a worker and not answered yet. */
final class PendingCall {

	final long id;

	final CallTarget target;

	final long startNanos;

	final CompletableFuture<Object> future = new CompletableFuture<>();

	/** Where the call was made, when creation sites are tracked; else {@code null}. */
	final Throwable creationSite;

	volatile ScheduledFuture<?> timeout;

	PendingCall(long id, CallTarget target, Throwable creationSite) {
		this.id = id;
		this.target = target;
		this.creationSite = creationSite;
		this.startNanos = System.nanoTime();
	}

	void cancelTimeout() {
		ScheduledFuture<?> task = this.timeout;
		if (task != null) {
			task.cancel(false);
		}
	}

}
