package dev.esem.internal.worker;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.esem.PythonTimeoutException;
import dev.esem.PythonWorkerException;
import dev.esem.internal.Durations;
import dev.esem.internal.executor.CompletionThreads;
import dev.esem.internal.protocol.Json;
import dev.esem.internal.protocol.RequestFrame;
import dev.esem.internal.protocol.RequestEncoder;

/**
 * One CPython worker: its {@link WorkerProcess}, the {@link RequestWriter} that sends
 * requests, the {@link ReplyReader} and {@link ReplyDispatcher} that read and interpret
 * replies, and the {@link CallLedger} of its calls in flight.
 * <p>
 * The worker ends once, when its output ends or, at the latest, shortly after its
 * process exits (a child process it forked may keep the output open): then every call
 * pending on it fails and the pool hears of it.
 */
public final class Worker {

	/** How long after the process exits its output may stay open before the worker is ended anyway. */
	private static final long EXIT_GRACE_MILLIS = 200;

	private final int slotId;

	private final String name;

	private final WorkerProcess process;

	private final CallLedger ledger;

	private final RequestWriter writer;

	private final RequestEncoder requests;

	private final ReplyReader replies;

	private final CallTimeouts timeouts;

	private final ScheduledExecutorService timer;

	private final Duration timeoutGrace;

	private final WorkerEvents events;

	private final Executor io;

	private final CompletableFuture<Void> hello = new CompletableFuture<>();

	private final CompletableFuture<Void> ended = new CompletableFuture<>();

	private final AtomicBoolean ending = new AtomicBoolean();

	private final AtomicInteger liveObjects = new AtomicInteger();

	private final AtomicInteger openStreams = new AtomicInteger();

	private final AtomicInteger heldFunctions = new AtomicInteger();

	private final AtomicInteger replicas = new AtomicInteger();

	private final AtomicLong callsSent = new AtomicLong();

	private final RefIds refIds = new RefIds();

	private final long startNanos = System.nanoTime();

	private volatile String endReason;

	private volatile String plannedEnd;

	private volatile boolean retiring;

	private volatile int reportedRegistrySize = -1;

	/** The shared memory for large binary segments, or {@code null}. */
	private final SharedSegments shared;

	Worker(int slotId, int generation, Process process, Json json, RequestEncoder requests, int maxFrameBytes,
			Duration timeoutGrace, CallListener listener, PythonRequests fromPython, WorkerEvents events,
			ScheduledExecutorService timer, Executor io, CompletionThreads completions, SharedSegments shared) {
		this.slotId = slotId;
		this.shared = shared;
		this.timer = timer;
		this.timeoutGrace = timeoutGrace;
		this.name = "worker-" + slotId + (generation > 1 ? "." + generation : "");
		this.events = events;
		this.io = io;
		this.process = new WorkerProcess(process, this.name);
		this.ledger = new CallLedger(listener, completions, this.name);
		this.requests = requests;
		this.writer = new RequestWriter(this.process.stdin(), this.name, requests, this.ledger::nextId, timer, io,
				2L * maxFrameBytes, shared);
		this.ledger.onReply(this.writer::replied);
		this.timeouts = new CallTimeouts(this.ledger.inFlight(), timer, this::timeOut);
		ReplyDispatcher dispatcher = new ReplyDispatcher(this, json, this.ledger, fromPython, maxFrameBytes, this.hello,
				this::end);
		this.replies = new ReplyReader(new FrameReader(this.process.stdout(), maxFrameBytes, shared), dispatcher,
				"esem-" + this.name + "-reader", completions);
		this.ledger.countUnreadWith(this.replies);
		this.replies.start();
		this.process.onExit().thenRun(this::processExited);
	}

	public int slotId() {
		return this.slotId;
	}

	public String name() {
		return this.name;
	}

	/**
	 * The pid of the Python process that runs the calls: the one it said hello from. On
	 * Linux the process started is its parent, which reaps whatever it leaves behind.
	 */
	public long pid() {
		return this.process.pythonPid();
	}

	void saidHello(long pid) {
		this.process.pythonStarted(pid);
	}

	public Duration uptime() {
		return Duration.ofNanos(System.nanoTime() - this.startNanos);
	}

	public int inFlight() {
		return this.ledger.size();
	}

	public long callsSent() {
		return this.callsSent.get();
	}

	/** Instances of this worker that Java still holds. */
	public AtomicInteger liveObjects() {
		return this.liveObjects;
	}

	/** Streams of this worker that Java holds open (part of {@link #liveObjects()}). */
	public AtomicInteger openStreams() {
		return this.openStreams;
	}

	/**
	 * Replicas of replicated objects in this worker (part of {@link #liveObjects()}): they
	 * are rebuilt on its successor, so they do not hold back its recycling.
	 */
	public AtomicInteger replicas() {
		return this.replicas;
	}

	/** Whether Java holds objects of this worker that would die with it (replicas do not count). */
	boolean holdsObjects() {
		return this.liveObjects.get() > this.replicas.get();
	}

	/** Java functions that this worker's Python code holds as callables. */
	public AtomicInteger heldFunctions() {
		return this.heldFunctions;
	}

	public int reportedRegistrySize() {
		return this.reportedRegistrySize;
	}

	public void reportRegistrySize(int size) {
		this.reportedRegistrySize = size;
	}

	/** The worker said hello, and whether it opened the shared memory offered to it. */
	void sharedMemoryOpened(boolean opened) {
		if (this.shared != null) {
			this.shared.helloSaid(opened);
		}
	}

	/** The worker's hello said how many bytes its request pipe holds. */
	void requestPipeHolds(long bytes) {
		this.writer.pipeHolds(bytes);
	}

	/**
	 * Completes once the worker has ended (its pending calls failed, the pool told), for
	 * what must go with it on the bridge side.
	 */
	public CompletableFuture<Void> ended() {
		return this.ended.copy();
	}

	/** Completes when the worker has said hello; fails if it ends first. */
	CompletableFuture<Void> hello() {
		return this.hello;
	}

	public boolean isAlive() {
		return this.endReason == null;
	}

	/** Why the worker ended, or {@code null} while it runs. */
	public String endReason() {
		return this.endReason;
	}

	/**
	 * Sends {@code call} and waits for its end, reading its own reply when it can (see
	 * {@link ReplyReader}). Returns the decoded result; throws the call's
	 * {@link dev.esem.PythonException}, {@link PythonTimeoutException} or
	 * {@link PythonWorkerException}, with the caller's stack.
	 */
	public Object call(Call call) {
		send(call, true);
		try {
			this.replies.await(call);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new PythonWorkerException("Interrupted while waiting for Python", ex);
		}
		catch (ExecutionException ex) {
			// rethrown below from the completed future
		}
		return Calls.join(call);
	}

	/** Sends {@code call}, which ends like {@link #call(Call)} does; returns it. */
	public Call submit(Call call) {
		send(call, false);
		return call;
	}

	private void send(Call call, boolean blocking) {
		this.ledger.open(call, this, blocking);
		if (call.isDone()) {
			return; // the worker has ended
		}
		this.callsSent.incrementAndGet();
		if (!blocking) {
			call.cancelWith(this::cancel);
		}
		this.timeouts.watch(call);
		try {
			this.writer.send(call.request().withId(call.id, call.timeout().toMillis(), call.traceparent()), call);
		}
		catch (PythonWorkerException ex) {
			this.ledger.fail(call.id, ex);
		}
	}

	/** A new id for an object that the Java side names in this worker (see {@link RefIds}). */
	public String newRefId() {
		return this.refIds.next();
	}

	/**
	 * Sends a request that wants no reply, in the same write as the next request to this
	 * worker (within a few milliseconds when none comes), and before any request handed
	 * over after this returns: the worker reads requests in order. Throws
	 * {@link PythonWorkerException} when the worker has ended or has too much unread.
	 */
	public void sendOneWay(RequestFrame frame) {
		String ended = this.endReason;
		if (ended != null) {
			throw new PythonWorkerException(ended);
		}
		this.callsSent.incrementAndGet();
		this.writer.sendAhead(frame.withId(this.ledger.nextId()));
	}

	/**
	 * Runs {@code answering}, which runs the Java function of a callback request of
	 * Python's and sends its {@link #answer}, on a completion thread, never on a thread
	 * that reads replies (see {@link ReplyReader#runCallback}).
	 */
	public void runCallback(Runnable answering) {
		this.replies.runCallback(answering);
	}

	/** Sends the answer to a callback request of Python's (a frame without a reply). */
	public void answer(RequestFrame frame) {
		try {
			this.writer.send(frame.withId(this.ledger.nextId()), null);
		}
		catch (PythonWorkerException ex) {
			// the worker is stuck or gone: the call waiting for this answer ends with it
		}
		finally {
			this.replies.callbackAnswered();
		}
	}

	/**
	 * Drops one hold of an object in this worker's registry (the object goes with its last
	 * hold), without waiting; nothing once the worker has ended.
	 */
	public void release(String refId) {
		if (this.endReason == null) {
			this.writer.release(refId);
		}
	}

	/**
	 * A call reached its deadline: its caller hears of it now. The worker interrupts the
	 * call by itself at the same deadline (the request carries it); if it has not
	 * answered within the grace period, the call is stuck (in C code, say) and the pool
	 * may replace the worker. Runs on the timer thread: must not block.
	 */
	private void timeOut(Call call) {
		Call taken = this.ledger.take(call.id);
		if (taken == null) {
			return;
		}
		if (mayBeStuck(taken.target())) {
			this.ledger.markOverdue(taken);
			checkInterruptedLater(taken);
		}
		this.ledger.end(taken, null, timedOut(taken, null));
	}

	/**
	 * The failure of a call past its timeout, whichever side noticed first: the timer
	 * here, or the worker (then {@code interrupted} is where Python was interrupted).
	 */
	PythonTimeoutException timedOut(Call call, Throwable interrupted) {
		return new PythonTimeoutException(
				"Call to " + call.target() + " timed out after " + Durations.format(call.timeout()) + " on " + this.name, interrupted);
	}

	/**
	 * The future of a call that the caller cancelled: its end is reported and the worker
	 * is asked to cancel it: a task by a {@code cancel} request, a plain function (running
	 * or not read yet) through the shared-memory cancel slots, where the worker has them
	 * (without them a plain function runs on to its end).
	 */
	boolean cancel(Call call) {
		Call taken = this.ledger.take(call.id);
		if (taken == null) {
			return false;
		}
		if (this.shared != null) {
			this.shared.cancel(call.id);
		}
		try {
			this.writer.send(this.requests.cancel(call.id).withId(this.ledger.nextId()), null);
		}
		catch (PythonWorkerException ex) {
			// the worker is stuck or gone: nothing left to cancel
		}
		this.ledger.end(taken, null, new CancellationException("Call to " + call.target() + " was cancelled"));
		return true;
	}

	/** Whether a call runs code that can get stuck: any but a ping, stream batches included. */
	private static boolean mayBeStuck(CallTarget target) {
		return !target.isInternal() || !"ping".equals(target.target());
	}

	private void checkInterruptedLater(Call call) {
		try {
			this.timer.schedule(() -> checkInterrupted(call), this.timeoutGrace.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			// the bridge is closing: its workers are stopping
		}
	}

	/**
	 * An overdue call with no reply a grace period after its deadline is stuck, unless
	 * it may not have started: while a call sent before it has no reply either, it may
	 * wait unread behind that one (which gets the worker replaced itself if it is the
	 * stuck one), and is looked at again a grace period later; once the calls before it
	 * have answered, it gets one more grace period, counted from when it could start.
	 * The worker skips it unrun once it reads it, as its deadline has passed.
	 */
	private void checkInterrupted(Call call) {
		if (!this.ledger.isOverdue(call.id) || !isAlive()) {
			return;
		}
		if (this.ledger.hasUnansweredBefore(call.id)) {
			call.queuedBehindOthers = true;
			checkInterruptedLater(call);
			return;
		}
		if (call.queuedBehindOthers) {
			call.queuedBehindOthers = false;
			checkInterruptedLater(call);
			return;
		}
		this.events.callStuck(this, call.target(), call.timeout(), this.timeoutGrace);
	}

	/**
	 * Marks the next end of this process as planned (replacement, recycling or close), so
	 * the pool does not count it as a crash, and says why in the failures of pending calls.
	 */
	void planEnd(String reason) {
		this.plannedEnd = reason;
	}

	String plannedEnd() {
		return this.plannedEnd;
	}

	/** Marks the worker as being recycled: it takes no new objects (see {@link WorkerPool#route}). */
	void retire() {
		this.retiring = true;
	}

	/** Recycling was given up: the worker takes objects again. */
	void unretire() {
		this.retiring = false;
	}

	boolean isRetiring() {
		return this.retiring;
	}

	/** Completes when every call in flight now has ended, however it ended. */
	CompletableFuture<Void> drained() {
		return this.ledger.drained();
	}

	/** Asks the worker to exit, then kills it and its children if it has not after {@code grace}. */
	void stop(Duration grace) {
		this.writer.close();
		try {
			if (!this.process.awaitExit(grace.toMillis())) {
				kill();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			kill();
		}
	}

	/** Kills the process tree at once; its end then fails every pending call. */
	void kill() {
		this.process.kill();
	}

	/**
	 * Waits until the process has been reaped and every call pending at its end has
	 * been failed; returns whether that happened in time.
	 */
	boolean awaitEnd(Duration timeout) throws InterruptedException {
		try {
			this.ended.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (ExecutionException | TimeoutException ex) {
			return false;
		}
	}

	/**
	 * The process exited: the reader drains what it wrote and ends the worker at the end
	 * of its output; if a child it forked holds the output open, the worker ends anyway.
	 */
	private void processExited() {
		this.replies.processExited();
		CompletableFuture.delayedExecutor(EXIT_GRACE_MILLIS, TimeUnit.MILLISECONDS, this.io)
			.execute(() -> end("its output stayed open after it exited"));
	}

	/** Ends the worker, once: fails its pending calls and tells the pool. */
	private void end(String readFailure) {
		if (!this.ending.compareAndSet(false, true)) {
			return;
		}
		String exit = this.process.describeExit();
		String planned = this.plannedEnd;
		StringBuilder reason = new StringBuilder();
		if (planned != null) {
			reason.append(planned);
		}
		else {
			reason.append("Python ").append(this.name).append(" (pid ").append(pid()).append(") died: ").append(exit);
			if (readFailure != null) {
				reason.append(" (").append(readFailure).append(')');
			}
			String tail = this.process.stderrTail();
			if (!tail.isEmpty()) {
				reason.append("; last stderr lines:\n").append(tail);
			}
		}
		this.endReason = reason.toString();
		if (this.shared != null) {
			this.shared.close();
		}
		this.timeouts.stop();
		this.ledger.endAll(this.endReason);
		this.hello.completeExceptionally(new PythonWorkerException(this.endReason));
		this.events.workerEnded(this, this.endReason);
		this.ended.complete(null);
	}

	/** The last lines the worker wrote to stderr. */
	String stderrTail() {
		return this.process.stderrTail();
	}

	@Override
	public String toString() {
		return this.name + "(pid " + pid() + ")";
	}

}
