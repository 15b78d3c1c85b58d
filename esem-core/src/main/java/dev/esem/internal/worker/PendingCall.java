package dev.esem.internal.worker;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A request sent to a worker and not answered yet; it is also the future of the call.
 * It ends exactly once, through whoever removes it from its worker's pending calls.
 */
final class PendingCall extends CompletableFuture<Object> {

	final Worker worker;

	final long id;

	final CallTarget target;

	final long startNanos;

	final Duration timeout;

	/** When the call times out, in {@link System#nanoTime()}. */
	final long deadline;

	/** Whether the caller waits for it at once in {@link Calls#await}, reading its own reply. */
	final boolean awaited;

	/** Where the call was made, when creation sites are tracked; else {@code null}. */
	final Throwable creationSite;

	PendingCall(Worker worker, long id, CallTarget target, Duration timeout, boolean awaited, Throwable creationSite) {
		this.worker = worker;
		this.id = id;
		this.target = target;
		this.timeout = timeout;
		this.awaited = awaited;
		this.creationSite = creationSite;
		this.startNanos = System.nanoTime();
		this.deadline = this.startNanos + timeout.toNanos();
	}

}
