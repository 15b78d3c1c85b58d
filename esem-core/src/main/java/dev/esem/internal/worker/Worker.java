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
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import dev.esem.PythonException;
import dev.esem.PythonTimeoutException;
import dev.esem.PythonWorkerException;
import dev.esem.internal.protocol.Json;
import dev.esem.internal.protocol.ValueDecoder;
import dev.esem.monitor.CallOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JsonParser;

/**
 * One CPython worker process: sends request frames, reads reply frames on its own
 * reader thread, and fails every pending call at once when the process ends.
 * <p>
 * A pending call is completed by whoever removes it from {@link #pending} first (its
 * reply, its timeout, or the worker's end), so each call ends exactly once. Futures are
 * never completed while a lock is held.
 */
public final class Worker {

	private static final Logger logger = LoggerFactory.getLogger(Worker.class);

	static final byte[] FRAME_ID_PREFIX = "{\"id\":".getBytes(StandardCharsets.US_ASCII);

	private final int slotId;

	private final int generation;

	private final String name;

	private final Process process;

	private final OutputStream toWorker;

	private final Json json;

	private final int maxFrameBytes;

	private final WorkerHost host;

	private final ScheduledExecutorService timer;

	private final StderrTail stderr;

	private final Map<Long, PendingCall> pending = new ConcurrentHashMap<>();

	private final AtomicLong ids = new AtomicLong();

	private final ConcurrentLinkedQueue<byte[]> outbox = new ConcurrentLinkedQueue<>();

	private final ReentrantLock writeLock = new ReentrantLock();

	private final CompletableFuture<Worker> ready = new CompletableFuture<>();

	private final AtomicInteger liveObjects = new AtomicInteger();

	private final AtomicLong callsSent = new AtomicLong();

	private final long startNanos = System.nanoTime();

	private volatile String endReason;

	private volatile String plannedEnd;

	private volatile int reportedRegistrySize = -1;

	Worker(int slotId, int generation, Process process, Json json, int maxFrameBytes, WorkerHost host,
			ScheduledExecutorService timer) {
		this.slotId = slotId;
		this.generation = generation;
		this.name = "worker-" + slotId + (generation > 1 ? "." + generation : "");
		this.process = process;
		this.toWorker = process.getOutputStream();
		this.json = json;
		this.maxFrameBytes = maxFrameBytes;
		this.host = host;
		this.timer = timer;
		this.stderr = new StderrTail(process.getErrorStream(), this.name);
		Thread drainer = new Thread(this.stderr, "esem-" + this.name + "-stderr");
		drainer.setDaemon(true);
		drainer.start();
		new ReaderThread(this::readReplies, "esem-" + this.name + "-reader").start();
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
	 * Sends a request. {@code body} is a JSON object without the id; the returned future
	 * ends with the decoded result, a {@link PythonException}, a
	 * {@link PythonTimeoutException} or a {@link PythonWorkerException}.
	 */
	public CompletableFuture<Object> send(CallTarget target, byte[] body, Duration timeout, Throwable creationSite) {
		PendingCall call = new PendingCall(this.ids.incrementAndGet(), target, creationSite);
		this.pending.put(call.id, call);
		if (this.endReason != null) {
			// the end may have swept the pending map before our put
			if (this.pending.remove(call.id) != null) {
				call.future.completeExceptionally(new PythonWorkerException(this.endReason));
			}
			return call.future;
		}
		this.callsSent.incrementAndGet();
		call.timeout = this.timer.schedule(() -> timeOut(call, timeout), timeout.toNanos(), TimeUnit.NANOSECONDS);
		write(frame(call.id, body));
		return call.future;
	}

	/** Sends a request that wants no reply (such as {@code release}). */
	public void sendOneWay(byte[] body) {
		if (this.endReason == null) {
			write(frame(this.ids.incrementAndGet(), body));
		}
	}

	private static byte[] frame(long id, byte[] body) {
		byte[] idText = Long.toString(id).getBytes(StandardCharsets.US_ASCII);
		// {"id":N, + body without its opening brace + newline
		byte[] frame = new byte[FRAME_ID_PREFIX.length + idText.length + 1 + body.length];
		System.arraycopy(FRAME_ID_PREFIX, 0, frame, 0, FRAME_ID_PREFIX.length);
		System.arraycopy(idText, 0, frame, FRAME_ID_PREFIX.length, idText.length);
		int at = FRAME_ID_PREFIX.length + idText.length;
		frame[at] = ',';
		System.arraycopy(body, 1, frame, at + 1, body.length - 1);
		frame[frame.length - 1] = '\n';
		return frame;
	}

	/**
	 * Queues a frame and writes the queue if no other thread is writing. Frames queued
	 * by threads that found the lock taken are written by the holder in the same flush.
	 */
	private void write(byte[] frame) {
		this.outbox.add(frame);
		while (!this.outbox.isEmpty() && this.writeLock.tryLock()) {
			try {
				byte[] next;
				while ((next = this.outbox.poll()) != null) {
					this.toWorker.write(next);
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
		}
	}

	private void timeOut(PendingCall call, Duration timeout) {
		if (this.pending.remove(call.id) == null) {
			return;
		}
		String message = "Call to " + call.target + " timed out after " + format(timeout) + " on " + this.name;
		call.future.completeExceptionally(new PythonTimeoutException(message));
		this.host.callEnded(call.target, CallOutcome.TIMEOUT, System.nanoTime() - call.startNanos);
		if (!call.target.isInternal()) {
			this.host.callTimedOut(this, call.target);
		}
	}

	private void readReplies() {
		FrameReader frames = new FrameReader(this.process.getInputStream(), this.maxFrameBytes);
		String failure = null;
		try {
			FrameReader.Frame frame;
			while ((frame = frames.next()) != null) {
				if (frame.isOversize()) {
					failOversize(frame.oversizeId());
				}
				else {
					handleFrame(frame.bytes(), frame.offset(), frame.length());
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			failure = ex.toString();
		}
		end(failure);
	}

	private void handleFrame(byte[] bytes, int offset, int length) {
		long id = -1;
		try (JsonParser in = this.json.mapper().createParser(bytes, offset, length)) {
			in.nextToken();
			String first = in.nextName();
			if ("ev".equals(first)) {
				handleEvent(in);
				return;
			}
			in.nextToken();
			id = in.getLongValue();
			String kind = in.nextName();
			in.nextToken();
			PendingCall call = this.pending.get(id);
			if ("ok".equals(kind)) {
				Object value = ValueDecoder.read(in, (call != null)
						? (refId, pythonClass, module, methods) -> this.host.adopt(this, refId, pythonClass, module,
								methods, call.creationSite)
						: this::releaseOrphan);
				complete(id, value, null);
			}
			else {
				@SuppressWarnings("unchecked")
				Map<String, Object> error = (Map<String, Object>) ValueDecoder.read(in, this::releaseOrphan);
				complete(id, null, new PythonException(String.valueOf(error.get("type")),
						String.valueOf(error.get("message")), String.valueOf(error.get("traceback"))));
			}
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

	private void complete(long id, Object value, RuntimeException failure) {
		PendingCall call = this.pending.remove(id);
		if (call == null) {
			return;
		}
		call.cancelTimeout();
		long nanos = System.nanoTime() - call.startNanos;
		if (failure == null) {
			this.host.callEnded(call.target, CallOutcome.SUCCESS, nanos);
			call.future.complete(value);
		}
		else {
			this.host.callEnded(call.target,
					(failure instanceof PythonException) ? CallOutcome.PYTHON_ERROR : CallOutcome.WORKER_ERROR, nanos);
			call.future.completeExceptionally(failure);
		}
	}

	/** A ref in a reply nobody waits for any more (its call timed out): drop it in Python. */
	private Object releaseOrphan(String refId, String pythonClass, String module, List<String> methods) {
		sendOneWay(("{\"op\":\"release\",\"refs\":[\"" + refId + "\"],\"noreply\":true}")
			.getBytes(StandardCharsets.UTF_8));
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
			.map(call -> call.future.handle((value, failure) -> null))
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
		this.process.descendants().forEach(ProcessHandle::destroyForcibly);
		this.process.destroyForcibly();
	}

	/** Waits until the process has been reaped. */
	boolean awaitExit(Duration timeout) throws InterruptedException {
		return this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
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
			PendingCall call = this.pending.remove(id);
			if (call != null) {
				swept.add(call);
			}
		}
		this.ready.completeExceptionally(new PythonWorkerException(this.endReason));
		for (PendingCall call : swept) {
			call.cancelTimeout();
			this.host.callEnded(call.target, CallOutcome.WORKER_ERROR, System.nanoTime() - call.startNanos);
			call.future.completeExceptionally(new PythonWorkerException(this.endReason));
		}
		this.host.workerEnded(this, this.endReason);
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
