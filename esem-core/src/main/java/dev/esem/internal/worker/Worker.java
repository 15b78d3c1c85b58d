package dev.esem.internal.worker;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import dev.esem.PythonException;
import dev.esem.PythonTimeoutException;
import dev.esem.PythonWorkerException;
import dev.esem.internal.protocol.Json;
import dev.esem.internal.protocol.RequestEncoder;
import dev.esem.internal.protocol.RequestFrame;
import dev.esem.internal.protocol.DirectReplies;
import dev.esem.internal.protocol.ValueDecoder;
import dev.esem.monitor.CallOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JsonParser;

/**
 * One CPython worker process: sends request frames, reads reply frames (see
 * {@link ReplyReader} for who reads them), and fails every pending call at once when the
 * process ends.
 * <p>
 * A pending call is completed by whoever removes it from {@link #pending} first (its
 * reply, its timeout, or the worker's end), so each call ends exactly once. Futures are
 * never completed while a lock is held.
 */
public final class Worker {

	private static final Logger logger = LoggerFactory.getLogger(Worker.class);

	static final byte[] FRAME_ID_PREFIX = "{\"id\":".getBytes(StandardCharsets.US_ASCII);

	private static final int MAX_WRITE = 1 << 16;

	/** How long a one-way request may wait for a request to go out with. */
	static final long ONE_WAY_DELAY_MILLIS = 2;

	private final int slotId;

	private final int generation;

	private final String name;

	private final Process process;

	private final OutputStream toWorker;

	private final Json json;

	private final RequestEncoder requests;

	private final int maxFrameBytes;

	private final WorkerHost host;

	private final StderrTail stderr;

	private final ReplyReader replies;

	private final CallTimeouts timeouts;

	private final Map<Long, PendingCall> pending = new ConcurrentHashMap<>();

	private final AtomicLong ids = new AtomicLong();

	private final ConcurrentLinkedQueue<RequestFrame> outbox = new ConcurrentLinkedQueue<>();

	private final ReentrantLock writeLock = new ReentrantLock();

	private final AtomicBoolean flushScheduled = new AtomicBoolean();

	private final ScheduledExecutorService timer;

	private final CompletableFuture<Worker> ready = new CompletableFuture<>();

	private final CompletableFuture<Void> ended = new CompletableFuture<>();

	private final AtomicInteger liveObjects = new AtomicInteger();

	private final AtomicLong callsSent = new AtomicLong();

	private final long startNanos = System.nanoTime();

	private volatile String endReason;

	private volatile String plannedEnd;

	private volatile int reportedRegistrySize = -1;

	Worker(int slotId, int generation, Process process, Json json, RequestEncoder requests, int maxFrameBytes,
			WorkerHost host, ScheduledExecutorService timer) {
		this.slotId = slotId;
		this.generation = generation;
		this.name = "worker-" + slotId + (generation > 1 ? "." + generation : "");
		this.process = process;
		this.toWorker = process.getOutputStream();
		this.json = json;
		this.requests = requests;
		this.maxFrameBytes = maxFrameBytes;
		this.host = host;
		this.timer = timer;
		this.stderr = new StderrTail(process.getErrorStream(), this.name);
		Thread drainer = new Thread(this.stderr, "esem-" + this.name + "-stderr");
		drainer.setDaemon(true);
		drainer.start();
		this.timeouts = new CallTimeouts(this.pending, timer, this::timeOut);
		this.replies = new ReplyReader(new FrameReader(process.getInputStream(), maxFrameBytes), new ReplySink(),
				"esem-" + this.name + "-reader");
		this.replies.start();
		process.onExit().thenRun(this.replies::processExited);
	}

	public int slotId() {
		return this.slotId;
	}

	public int generation() {
		return this.generation;
	}

	public String name() {
		return this.name;
	}

	public long pid() {
		return this.process.pid();
	}

	public Duration uptime() {
		return Duration.ofNanos(System.nanoTime() - this.startNanos);
	}

	public int inFlight() {
		return this.pending.size();
	}

	public long callsSent() {
		return this.callsSent.get();
	}

	/** Instances of this worker that Java still holds. */
	public AtomicInteger liveObjects() {
		return this.liveObjects;
	}

	public int reportedRegistrySize() {
		return this.reportedRegistrySize;
	}

	public void reportRegistrySize(int size) {
		this.reportedRegistrySize = size;
	}

	/** Completes when the worker has said hello; fails if it ends first. */
	CompletableFuture<Worker> ready() {
		return this.ready;
	}

	public boolean isAlive() {
		return this.endReason == null;
	}

	/** Why the worker ended, or {@code null} while it runs. */
	public String endReason() {
		return this.endReason;
	}

	/**
	 * Sends a request. The returned future ends with the decoded result, a
	 * {@link PythonException}, a {@link PythonTimeoutException} or a
	 * {@link PythonWorkerException}.
	 *
	 * @param awaited whether the caller waits for it at once with {@link Calls#await}
	 * (and so reads its own reply); other calls are read by the reader thread
	 */
	public CompletableFuture<Object> send(CallTarget target, RequestFrame frame, Duration timeout, boolean awaited,
			Throwable creationSite) {
		PendingCall call = new PendingCall(this, this.ids.incrementAndGet(), target, timeout, awaited, creationSite);
		if (!awaited) {
			this.replies.unreadCallSent(); // before it can end: take() counts it out again
		}
		this.pending.put(call.id, call);
		if (this.endReason != null) {
			// the end may have swept the pending map before our put
			if (take(call.id) != null) {
				call.completeExceptionally(new PythonWorkerException(this.endReason));
			}
			return call;
		}
		this.callsSent.incrementAndGet();
		this.timeouts.watch(call);
		write(frame.withId(call.id));
		return call;
	}

	/**
	 * Sends a request that wants no reply (such as {@code release}). It is not written
	 * at once but with the next request to this worker, in the same write, or within
	 * {@link #ONE_WAY_DELAY_MILLIS} when none comes: a release then costs no system call
	 * and no wake-up of the worker of its own.
	 */
	public void sendOneWay(RequestFrame frame) {
		if (this.endReason != null) {
			return;
		}
		this.outbox.add(frame.withId(this.ids.incrementAndGet()));
		if (this.flushScheduled.compareAndSet(false, true)) {
			try {
				this.timer.schedule(this::flushOutbox, ONE_WAY_DELAY_MILLIS, TimeUnit.MILLISECONDS);
			}
			catch (RejectedExecutionException ex) {
				flushOutbox(); // the bridge is closing
			}
		}
	}

	private void flushOutbox() {
		this.flushScheduled.set(false);
		if (!this.outbox.isEmpty()) {
			write(null);
		}
	}

	/** Waits for a call sent with {@code awaited}: see {@link ReplyReader#await}. */
	static void await(PendingCall call) throws InterruptedException, ExecutionException {
		call.worker.replies.await(call);
	}

	/**
	 * Writes the queued frames and then {@code frame} (if not {@code null}), or queues it
	 * when another thread is writing: that thread writes the queued frames too before it
	 * lets go, so no frame waits for a later one.
	 */
	private void write(RequestFrame frame) {
		RequestFrame first = frame;
		if (first == null || !this.outbox.isEmpty() || !this.writeLock.tryLock()) {
			if (first != null) {
				this.outbox.add(first);
				first = null;
			}
			if (!this.writeLock.tryLock()) {
				return;
			}
		}
		do {
			try {
				RequestFrame next;
				while ((next = this.outbox.poll()) != null) {
					writeFrame(next);
				}
				if (first != null) {
					writeFrame(first);
					first = null;
				}
				this.toWorker.flush();
			}
			catch (IOException ex) {
				// the process is gone: the reader sees the end and fails every pending call
				this.outbox.clear();
				logger.debug("[{}] write failed: {}", this.name, ex.toString());
			}
			finally {
				this.writeLock.unlock();
			}
			// a frame queued after our last poll by a thread that found the lock taken
		}
		while (!this.outbox.isEmpty() && this.writeLock.tryLock());
	}

	/**
	 * Writes a frame in slices of at most {@link #MAX_WRITE}: the JDK writes through a
	 * native buffer of the size given, and a pipe takes 64 KiB at a time anyway; a
	 * megabyte in one write would map fresh memory for every large frame.
	 */
	private void writeFrame(RequestFrame frame) throws IOException {
		for (int at = frame.start(); at < frame.end(); at += MAX_WRITE) {
			this.toWorker.write(frame.bytes(), at, Math.min(MAX_WRITE, frame.end() - at));
		}
	}

	/** Removes a pending call: whoever gets it (not {@code null}) ends it. */
	private PendingCall take(long id) {
		PendingCall call = this.pending.remove(id);
		if (call != null && !call.awaited) {
			this.replies.unreadCallEnded();
		}
		return call;
	}

	private void timeOut(PendingCall call) {
		if (take(call.id) == null) {
			return;
		}
		String message = "Call to " + call.target + " timed out after " + format(call.timeout) + " on " + this.name;
		if (!call.target.isInternal()) {
			// before the caller hears of it, so its next call cannot land on a worker being replaced
			this.host.callTimedOut(this, call.target);
		}
		call.completeExceptionally(new PythonTimeoutException(message));
		this.host.callEnded(call.target, CallOutcome.TIMEOUT, System.nanoTime() - call.startNanos);
	}

	/** What the reply reader hands over, on whichever thread reads. */
	private final class ReplySink implements ReplyReader.Sink {

		@Override
		public void frame(byte[] bytes, int offset, int length) {
			handleFrame(bytes, offset, length);
		}

		@Override
		public void oversize(long id) {
			failOversize(id);
		}

		@Override
		public void ended(String failure) {
			end(failure);
		}

	}

	private void handleFrame(byte[] bytes, int offset, int length) {
		long id = DirectReplies.id(bytes, offset, length);
		try {
			if (id >= 0) {
				Object value = DirectReplies.okValue(bytes, offset, length, refsFor(this.pending.get(id)));
				if (value != DirectReplies.NOT_DIRECT) {
					complete(id, value, null);
					return;
				}
			}
			handleParsed(bytes, offset, length);
		}
		catch (RuntimeException ex) {
			if (id >= 0) {
				complete(id, null, new PythonWorkerException(
						"Could not read the reply of " + this.name + ": " + ex.getMessage(), ex));
			}
			else {
				logger.error("[{}] Unreadable frame from worker: {}", this.name, ex.toString());
			}
		}
	}

	/** A frame that {@link DirectReplies} leaves to Jackson: events, errors, other values. */
	private void handleParsed(byte[] bytes, int offset, int length) {
		try (JsonParser in = this.json.mapper().createParser(bytes, offset, length)) {
			in.nextToken();
			String first = in.nextName();
			if ("ev".equals(first)) {
				handleEvent(in);
				return;
			}
			in.nextToken();
			long id = in.getLongValue();
			String kind = in.nextName();
			in.nextToken();
			PendingCall call = this.pending.get(id);
			if ("ok".equals(kind)) {
				complete(id, ValueDecoder.read(in, refsFor(call)), null);
			}
			else {
				@SuppressWarnings("unchecked")
				Map<String, Object> error = (Map<String, Object>) ValueDecoder.read(in, this::releaseOrphan);
				complete(id, null, new PythonException(String.valueOf(error.get("type")),
						String.valueOf(error.get("message")), String.valueOf(error.get("traceback"))));
			}
		}
	}

	/** Makes the handles of refs in the reply to {@code call}; refs nobody waits for are released. */
	private ValueDecoder.RefReader refsFor(PendingCall call) {
		if (call == null) {
			return this::releaseOrphan;
		}
		return (refId, pythonClass, module, methods) -> this.host.adopt(this, refId, pythonClass, module, methods,
				call.creationSite);
	}

	private void complete(long id, Object value, RuntimeException failure) {
		PendingCall call = take(id);
		if (call == null) {
			return;
		}
		long nanos = System.nanoTime() - call.startNanos;
		if (failure == null) {
			this.host.callEnded(call.target, CallOutcome.SUCCESS, nanos);
			call.complete(value);
		}
		else {
			this.host.callEnded(call.target,
					(failure instanceof PythonException) ? CallOutcome.PYTHON_ERROR : CallOutcome.WORKER_ERROR, nanos);
			call.completeExceptionally(failure);
		}
	}

	/** Drops an object from this worker's registry, without waiting; nothing once the worker has ended. */
	public void release(String refId) {
		sendOneWay(this.requests.release(List.of(refId)));
	}

	/** A ref in a reply nobody waits for any more (its call timed out): drop it in Python. */
	private Object releaseOrphan(String refId, String pythonClass, String module, List<String> methods) {
		release(refId);
		return null;
	}

	private void failOversize(long id) {
		complete(id, null, new PythonWorkerException("The reply of " + this.name + " is larger than the max frame size of "
				+ this.maxFrameBytes + " bytes (esem.limits.max-frame-size)"));
	}

	private void handleEvent(JsonParser in) {
		in.nextToken();
		String event = in.getString();
		Map<String, Object> fields = new java.util.HashMap<>();
		String field;
		while ((field = in.nextName()) != null) {
			in.nextToken();
			fields.put(field, ValueDecoder.read(in, this::releaseOrphan));
		}
		if ("hello".equals(event)) {
			logger.debug("[{}] ready: pid {}, Python {}", this.name, fields.get("pid"), fields.get("python"));
			this.ready.complete(this);
		}
		else if ("log".equals(event)) {
			PythonLog.log(this.name, fields);
		}
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

	/** Completes when every call in flight now has ended, however it ended. */
	CompletableFuture<Void> drained() {
		return CompletableFuture.allOf(this.pending.values()
			.stream()
			.map(call -> call.handle((value, failure) -> null))
			.toArray(CompletableFuture[]::new));
	}

	/** Asks the worker to exit, then kills it and its children if it has not after {@code grace}. */
	void stop(Duration grace) {
		try {
			this.toWorker.close();
		}
		catch (IOException ex) {
			logger.debug("[{}] closing stdin: {}", this.name, ex.toString());
		}
		try {
			if (!this.process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
				kill();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			kill();
		}
	}

	/** Kills the process tree at once; the reader then fails every pending call. */
	void kill() {
		ProcessTree.kill(this.process);
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

	private void end(String readFailure) {
		String exit;
		try {
			if (!this.process.waitFor(2, TimeUnit.SECONDS)) {
				kill();
				this.process.waitFor(2, TimeUnit.SECONDS);
			}
			exit = this.process.isAlive() ? "did not exit" : ExitDescription.of(this.process.exitValue());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			exit = "exit not awaited";
		}
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
			String tail = this.stderr.lastLines();
			if (!tail.isEmpty()) {
				reason.append("; last stderr lines:\n").append(tail);
			}
		}
		this.endReason = reason.toString();
		List<PendingCall> swept = new ArrayList<>();
		for (Long id : this.pending.keySet()) {
			PendingCall call = take(id);
			if (call != null) {
				swept.add(call);
			}
		}
		this.timeouts.stop();
		this.ready.completeExceptionally(new PythonWorkerException(this.endReason));
		for (PendingCall call : swept) {
			this.host.callEnded(call.target, CallOutcome.WORKER_ERROR, System.nanoTime() - call.startNanos);
			call.completeExceptionally(new PythonWorkerException(this.endReason));
		}
		this.host.workerEnded(this, this.endReason);
		this.ended.complete(null);
	}

	/** The last lines the worker wrote to stderr. */
	String stderrTail() {
		return this.stderr.lastLines();
	}

	static String format(Duration duration) {
		long millis = duration.toMillis();
		return (millis % 1000 == 0) ? (millis / 1000) + "s" : millis + "ms";
	}

	@Override
	public String toString() {
		return this.name + "(pid " + pid() + ")";
	}

}
