package dev.esem.internal.worker;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Times out a worker's pending calls with one timer task, armed for the earliest
 * deadline, rather than one task per call: scheduling a task per call would wake the
 * timer thread on almost every call, and cancelling it would cost as much again.
 * The task runs on the bridge's one timer thread, so {@code timeOut} must not block.
 */
final class CallTimeouts {

	private final Iterable<Call> pending;

	private final ScheduledExecutorService timer;

	private final Consumer<Call> timeOut;

	/** Whether a check is scheduled, and for when: read without the lock on every call. */
	private volatile boolean armed;

	private volatile long armedFor;

	private ScheduledFuture<?> check;

	private boolean stopped;

	CallTimeouts(Iterable<Call> pending, ScheduledExecutorService timer, Consumer<Call> timeOut) {
		this.pending = pending;
		this.timer = timer;
		this.timeOut = timeOut;
	}

	/** Makes sure a check runs by the deadline of {@code call}, which is already pending. */
	void watch(Call call) {
		if (!this.armed || call.deadline - this.armedFor < 0) {
			arm(call.deadline);
		}
	}

	private synchronized void arm(long deadline) {
		if (this.stopped || (this.armed && deadline - this.armedFor >= 0)) {
			return;
		}
		if (this.check != null) {
			this.check.cancel(false);
		}
		try {
			this.check = this.timer.schedule(this::run, Math.max(0, deadline - System.nanoTime()),
					TimeUnit.NANOSECONDS);
			this.armedFor = deadline;
			this.armed = true;
		}
		catch (RejectedExecutionException ex) {
			// the bridge has closed: its workers are stopping, which ends their calls
			this.stopped = true;
		}
	}

	/**
	 * Times out the calls past their deadline and arms the next check. A call put in the
	 * pending map during the scan is either seen by it or, finding the check unarmed,
	 * arms one itself.
	 */
	private void run() {
		synchronized (this) {
			this.armed = false;
			this.check = null;
		}
		long now = System.nanoTime();
		long next = 0;
		boolean any = false;
		for (Call call : this.pending) {
			if (now - call.deadline >= 0) {
				this.timeOut.accept(call);
			}
			else if (!any || call.deadline - next < 0) {
				next = call.deadline;
				any = true;
			}
		}
		if (any) {
			arm(next);
		}
	}

	/** The worker ended: no more checks. */
	synchronized void stop() {
		this.stopped = true;
		if (this.check != null) {
			this.check.cancel(false);
		}
	}

}
