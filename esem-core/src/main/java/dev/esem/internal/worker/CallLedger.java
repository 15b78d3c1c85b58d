package dev.esem.internal.worker;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import dev.esem.PythonException;
import dev.esem.PythonTimeoutException;
import dev.esem.PythonWorkerException;
import dev.esem.monitor.CallOutcome;

/**
 * The calls in flight on one worker: the one owner of a call's start and end. A call is
 * opened (and its start reported) before its request is written, and ends exactly once,
 * through whoever takes it first: its reply, its timeout, or the worker's end. The end is
 * reported before the future completes, and futures are never completed under a lock.
 */
final class CallLedger {

	/** Counts the calls whose caller does not read replies itself (the reader thread must). */
	interface UnreadCounter {

		void unreadCallSent();

		void unreadCallEnded();

	}

	private final Map<Long, Call> pending = new ConcurrentHashMap<>();

	/** Calls that timed out while the worker may still run them: it was asked to interrupt them. */
	private final Map<Long, Call> overdue = new ConcurrentHashMap<>();

	private final AtomicLong ids = new AtomicLong();

	private final CallListener listener;

	private final Executor completions;

	private final String workerName;

	private UnreadCounter unread;

	/** Told of each call whose reply came: the worker has read its request and all before. */
	private Consumer<Call> replied = call -> {
	};

	/** Set once the worker has ended: calls opened later fail at once with it. */
	private volatile String endReason;

	CallLedger(CallListener listener, Executor completions, String workerName) {
		this.listener = listener;
		this.completions = completions;
		this.workerName = workerName;
	}

	void countUnreadWith(UnreadCounter unread) {
		this.unread = unread;
	}

	void onReply(Consumer<Call> replied) {
		this.replied = replied;
	}

	/** A fresh request id, also for requests that want no reply. */
	long nextId() {
		return this.ids.incrementAndGet();
	}

	/**
	 * Opens {@code call} on {@code worker} and reports its start. When the worker has
	 * already ended, the call is failed at once; check {@link Call#isDone()} before
	 * sending its request.
	 */
	void open(Call call, Worker worker, boolean blocking) {
		call.sentAs(worker, nextId(), blocking);
		CallTarget target = call.target();
		if (!target.isInternal()) {
			this.listener.callStarted(target);
			call.observation = this.listener.observeCall(target, this.workerName, call.refId());
		}
		if (!blocking) {
			this.unread.unreadCallSent(); // before it can end: take() counts it out again
		}
		this.pending.put(call.id, call);
		String ended = this.endReason;
		if (ended != null) {
			// the end may have swept the pending calls before our put
			fail(call.id, new PythonWorkerException(ended));
		}
	}

	/** The call with this id, still pending, or {@code null}. */
	Call get(long id) {
		return this.pending.get(id);
	}

	int size() {
		return this.pending.size();
	}

	/** Ends a call with its value, if it is still pending. */
	void succeed(long id, Object value) {
		Call call = take(id);
		if (call != null) {
			this.replied.accept(call);
			end(call, value, null);
		}
		else {
			answeredLate(id);
		}
	}

	/** Ends a call with a failure, if it is still pending. */
	void fail(long id, RuntimeException failure) {
		Call call = take(id);
		if (call != null) {
			this.replied.accept(call);
			end(call, null, failure);
		}
		else {
			answeredLate(id);
		}
	}

	/** The reply of a call that ended before it (it timed out) has come: it is no longer overdue. */
	private void answeredLate(long id) {
		Call call = this.overdue.remove(id);
		if (call != null) {
			this.replied.accept(call);
		}
	}

	/** A taken call timed out, but the worker still runs it: its reply, when it comes, says it stopped. */
	void markOverdue(Call call) {
		this.overdue.put(call.id, call);
	}

	/** Whether no reply has come yet for an overdue call. */
	boolean isOverdue(long id) {
		return this.overdue.containsKey(id);
	}

	/**
	 * Whether a call sent before {@code id} has no reply yet. The worker reads requests in
	 * order and runs a plain call to its end before it reads the next, so while one does,
	 * the request {@code id} may still wait unread behind it: not started, so not stuck.
	 */
	boolean hasUnansweredBefore(long id) {
		for (Long earlier : this.pending.keySet()) {
			if (earlier < id) {
				return true;
			}
		}
		for (Long earlier : this.overdue.keySet()) {
			if (earlier < id) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Removes a pending call: whoever gets it (not {@code null}) must {@link #end} it. For
	 * an ending that must act between the two (a timeout replaces the worker first).
	 */
	Call take(long id) {
		Call call = this.pending.remove(id);
		if (call != null && !call.blocking) {
			this.unread.unreadCallEnded();
		}
		return call;
	}

	/** Reports the end of a taken call, then completes its future. */
	void end(Call call, Object value, RuntimeException failure) {
		report(call, (failure == null) ? CallOutcome.SUCCESS : outcomeOf(failure), failure);
		complete(call, value, failure);
	}

	/** The calls in flight, for {@link CallTimeouts} to find those past their deadline. */
	Iterable<Call> inFlight() {
		return this.pending.values();
	}

	/** Fails every pending call, and every call opened from now on, with {@code reason}. */
	void endAll(String reason) {
		this.endReason = reason;
		this.overdue.clear();
		List<Call> swept = new ArrayList<>();
		for (Long id : this.pending.keySet()) {
			Call call = take(id);
			if (call != null) {
				swept.add(call);
			}
		}
		for (Call call : swept) {
			end(call, null, new PythonWorkerException(reason));
		}
	}

	/** Completes when every call in flight now has ended, however it ended. */
	CompletableFuture<Void> drained() {
		return CompletableFuture.allOf(this.pending.values()
			.stream()
			.map(call -> call.handle((value, failure) -> null))
			.toArray(CompletableFuture[]::new));
	}

	private void report(Call call, CallOutcome outcome, RuntimeException failure) {
		if (!call.target().isInternal()) {
			this.listener.callEnded(call.target(), outcome, call.elapsedNanos());
			if (call.observation != null) {
				call.observation.ended(outcome, failure);
			}
		}
	}

	private void complete(Call call, Object value, RuntimeException failure) {
		if (call.blocking) {
			settle(call, value, failure);
			return;
		}
		this.completions.execute(() -> settle(call, value, failure)); // runs inline once the bridge has closed
	}

	private static void settle(Call call, Object value, RuntimeException failure) {
		if (failure == null) {
			call.complete(value);
		}
		else {
			call.completeExceptionally(failure);
		}
	}

	private static CallOutcome outcomeOf(RuntimeException failure) {
		if (failure instanceof PythonTimeoutException) {
			return CallOutcome.TIMEOUT;
		}
		if (failure instanceof CancellationException) {
			return CallOutcome.CANCELLED;
		}
		return (failure instanceof PythonException) ? CallOutcome.PYTHON_ERROR : CallOutcome.WORKER_ERROR;
	}

}
