package dev.esem.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.esem.BatchedFunction;
import dev.esem.PythonException;
import dev.esem.PythonTimeoutException;
import dev.esem.PythonWorkerException;
import dev.esem.internal.protocol.BatchStacks;
import dev.esem.internal.protocol.Wire;
import dev.esem.internal.worker.CallTarget;
import dev.esem.internal.worker.Calls;

/**
 * Coalesces concurrent calls of one batched function into Python calls of many items.
 * <p>
 * At most {@code capacity} batches are in Python at once (one per worker that can take
 * one). A call that finds one of them free leaves at once, alone if it is alone; calls
 * that arrive while all are busy queue up and leave together when one comes back, when
 * {@code maxSize} of them wait, or when the oldest has waited {@code maxDelay}, whichever
 * comes first. Each caller's timeout runs from its own call, queue included.
 */
final class Batcher implements BatchedFunction {

	/** Sends one batch: the argument of the Python call, and the longest deadline among its callers. */
	interface Sender {

		CompletableFuture<Object> send(Object batch, Duration timeout);

	}

	private final BridgeRuntime runtime;

	private final CallTarget target;

	private final int maxSize;

	private final long maxDelayNanos;

	private final int capacity;

	private final Duration timeout;

	private final Sender sender;

	/** Guards the queue, the batches in flight and the flush timer. */
	private final Object lock = new Object();

	private final ArrayDeque<Waiting> queue = new ArrayDeque<>();

	private int inFlight;

	private ScheduledFuture<?> flush;

	Batcher(BridgeRuntime runtime, CallTarget target, int maxSize, Duration maxDelay, int capacity,
			Duration timeout, Sender sender) {
		if (maxSize < 1) {
			throw new IllegalArgumentException("maxSize of a batched function must be at least 1, not " + maxSize);
		}
		this.runtime = runtime;
		this.target = target;
		this.maxSize = maxSize;
		this.maxDelayNanos = Durations.positive(maxDelay, "maxDelay").toNanos();
		this.capacity = Math.max(1, capacity);
		this.timeout = timeout;
		this.sender = sender;
	}

	@Override
	public Object call(Object item) {
		Calls.checkMayBlock();
		return Calls.join(callAsync(item));
	}

	@Override
	public CompletableFuture<Object> callAsync(Object item) {
		try {
			this.runtime.checkOpen();
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		Waiting waiting = new Waiting(item, BatchStacks.kindOf(item), System.nanoTime() + this.timeout.toNanos());
		waiting.timer = this.runtime.timer()
			.schedule(() -> timedOut(waiting), this.timeout.toNanos(), TimeUnit.NANOSECONDS);
		List<List<Waiting>> leaving;
		synchronized (this.lock) {
			this.queue.add(waiting);
			leaving = takeLeaving(false);
		}
		leaving.forEach(this::send);
		return waiting.future;
	}

	private void timedOut(Waiting waiting) {
		PythonTimeoutException timeout = timeout(waiting);
		this.runtime.completeLater(() -> waiting.future.completeExceptionally(timeout));
	}

	private PythonTimeoutException timeout(Waiting waiting) {
		long waited = System.nanoTime() - waiting.queuedNanos;
		return new PythonTimeoutException("Batched call to " + this.target + " timed out after "
				+ Durations.format(this.timeout) + (waiting.sent ? "" : ", still queued for its batch") + " (waited "
				+ Durations.format(Duration.ofNanos(waited)) + ")");
	}

	/**
	 * The batches that leave now: while a worker is free, or a full batch waits, or the
	 * oldest waited {@code maxDelay} ({@code flushing}). Arms the flush timer for what stays.
	 */
	private List<List<Waiting>> takeLeaving(boolean flushing) {
		List<List<Waiting>> leaving = new ArrayList<>();
		dropEnded();
		while (!this.queue.isEmpty()
				&& (this.inFlight < this.capacity || this.queue.size() >= this.maxSize || flushing)) {
			leaving.add(takeBatch());
			this.inFlight++;
			dropEnded();
		}
		if (this.queue.isEmpty()) {
			if (this.flush != null) {
				this.flush.cancel(false);
				this.flush = null;
			}
		}
		else if (this.flush == null) {
			long due = this.queue.peekFirst().queuedNanos + this.maxDelayNanos - System.nanoTime();
			this.flush = this.runtime.timer().schedule(this::flush, Math.max(0, due), TimeUnit.NANOSECONDS);
		}
		return leaving;
	}

	/** On the timer thread: the batches leave from the completion executor, so a slow write never delays a timer. */
	private void flush() {
		List<List<Waiting>> leaving;
		synchronized (this.lock) {
			this.flush = null;
			leaving = takeLeaving(true);
		}
		leaving.forEach(batch -> this.runtime.completeLater(() -> send(batch)));
	}

	/** Drops calls that ended while queued (they timed out). */
	private void dropEnded() {
		this.queue.removeIf(waiting -> waiting.future.isDone());
	}

	/** Up to {@code maxSize} queued calls whose items are of the first one's kind, in arrival order. */
	private List<Waiting> takeBatch() {
		List<Waiting> batch = new ArrayList<>();
		Object kind = this.queue.peekFirst().kind;
		Iterator<Waiting> queued = this.queue.iterator();
		while (queued.hasNext() && batch.size() < this.maxSize) {
			Waiting waiting = queued.next();
			if (Objects.equals(waiting.kind, kind)) {
				queued.remove();
				waiting.sent = true;
				batch.add(waiting);
			}
		}
		return batch;
	}

	private void send(List<Waiting> batch) {
		long now = System.nanoTime();
		long[] waits = new long[batch.size()];
		List<Object> items = new ArrayList<>(batch.size());
		long deadline = now;
		for (int i = 0; i < batch.size(); i++) {
			Waiting waiting = batch.get(i);
			waits[i] = now - waiting.queuedNanos;
			items.add(waiting.item);
			deadline = Math.max(deadline, waiting.deadlineNanos);
		}
		this.runtime.batchSent(this.target, batch.size(), waits);
		CompletableFuture<Object> reply;
		try {
			reply = this.sender.send(BatchStacks.batchOf(items), Duration.ofNanos(Math.max(1, deadline - now)));
		}
		catch (RuntimeException ex) {
			reply = CompletableFuture.failedFuture(ex);
		}
		reply.whenComplete((value, failure) -> {
			List<List<Waiting>> leaving;
			synchronized (this.lock) {
				this.inFlight--;
				leaving = takeLeaving(false);
			}
			if (failure != null) {
				Throwable cause = (failure instanceof CompletionException && failure.getCause() != null)
						? failure.getCause() : failure;
				long failedAt = System.nanoTime();
				for (Waiting waiting : batch) {
					// a caller whose own deadline passed timed out, whatever the interrupted call reported
					waiting.fail((failedAt - waiting.deadlineNanos >= 0) ? timeout(waiting) : cause);
				}
			}
			else {
				distribute(batch, value);
			}
			leaving.forEach(this::send);
		});
	}

	/** Item {@code i} of the reply to caller {@code i}; an item that Python failed to its caller alone. */
	private void distribute(List<Waiting> batch, Object reply) {
		Map<?, ?> split = (Map<?, ?>) reply;
		List<?> items = (List<?>) split.get(Wire.ITEMS);
		if (items.size() != batch.size()) {
			PythonWorkerException mismatch = new PythonWorkerException("Batched call to " + this.target
					+ " sent " + batch.size() + " items and got " + items.size() + " results back");
			batch.forEach(waiting -> waiting.fail(mismatch));
			return;
		}
		PythonException[] errors = new PythonException[batch.size()];
		for (Object entry : (List<?>) split.get(Wire.BATCH_ERRORS)) {
			List<?> error = (List<?>) entry;
			errors[((Number) error.get(0)).intValue()] = new PythonException(String.valueOf(error.get(1)),
					String.valueOf(error.get(2)), String.valueOf(error.get(3)));
		}
		for (int i = 0; i < batch.size(); i++) {
			Waiting waiting = batch.get(i);
			if (errors[i] != null) {
				waiting.fail(errors[i]);
			}
			else {
				waiting.succeed(items.get(i));
			}
		}
	}

	@Override
	public String toString() {
		return "BatchedFunction[" + this.target + ", maxSize " + this.maxSize + ", maxDelay "
				+ Duration.ofNanos(this.maxDelayNanos) + "]";
	}

	/** One call waiting for its result. */
	private static final class Waiting {

		final Object item;

		final Object kind;

		final long queuedNanos = System.nanoTime();

		final long deadlineNanos;

		final CompletableFuture<Object> future = new CompletableFuture<>();

		volatile ScheduledFuture<?> timer;

		/** Whether its batch left (read by the timeout message). */
		volatile boolean sent;

		Waiting(Object item, Object kind, long deadlineNanos) {
			this.item = item;
			this.kind = kind;
			this.deadlineNanos = deadlineNanos;
		}

		void succeed(Object value) {
			this.timer.cancel(false);
			this.future.complete(value);
		}

		void fail(Throwable failure) {
			this.timer.cancel(false);
			this.future.completeExceptionally(failure);
		}

	}

}
