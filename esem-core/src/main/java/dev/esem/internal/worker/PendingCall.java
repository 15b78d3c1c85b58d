package dev.esem.internal.worker;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

import dev.esem.monitor.CallObservation;

/**
 * A request sent to a worker and not answered yet; it is also the future of the call.
 * It ends exactly once, through whoever takes it from its worker's {@link CallLedger}.
 */
final class PendingCall extends CompletableFuture<Object> {

	final long id;

	final CallTarget target;

	final long startNanos;

	final Duration timeout;

	/** When the call times out, in {@link System#nanoTime()}. */
	final long deadline;

	/**
	 * Whether a caller blocks on it in {@link Worker#call}: such a future is never seen by
	 * user code, so it is completed on whichever thread ends it; any other is completed
	 * on the bridge's completion executor, where user callbacks may block.
	 */
	final boolean blocking;

	/**
	 * Where its request ends in the worker's input, in bytes written to it so far, once
	 * it is written: its reply tells that the worker has read up to here.
	 */
	volatile long inputEnd;

	/** Whether a stuck check found this overdue call waiting behind earlier, unanswered ones. */
	volatile boolean queuedBehindOthers;

	/** Where the call was made, when creation sites are tracked; else {@code null}. */
	final Throwable creationSite;

	PendingCall(long id, CallTarget target, Duration timeout, boolean blocking, Throwable creationSite) {
		this.id = id;
		this.target = target;
		this.timeout = timeout;
		this.blocking = blocking;
		this.creationSite = creationSite;
		this.startNanos = System.nanoTime();
		this.deadline = this.startNanos + timeout.toNanos();
	}

	/** What observes the call (its span), or {@code null}; set before the call is shared. */
	CallObservation observation;

	/** The W3C traceparent to send with the request, or {@code null}. */
	String traceparent() {
		return (this.observation != null) ? this.observation.traceparent() : null;
	}

	/** Ends the call in its worker when its future is cancelled; true when it was still pending. */
	private volatile Predicate<PendingCall> canceller;

	void cancelWith(Predicate<PendingCall> canceller) {
		this.canceller = canceller;
	}

	/** Cancels the call in Python too: its task is cancelled, and its end reported as cancelled. */
	@Override
	public boolean cancel(boolean mayInterruptIfRunning) {
		Predicate<PendingCall> canceller = this.canceller;
		if (canceller != null && !canceller.test(this)) {
			return isCancelled();
		}
		return super.cancel(mayInterruptIfRunning);
	}

	long elapsedNanos() {
		return System.nanoTime() - this.startNanos;
	}

}
