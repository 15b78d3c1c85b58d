package dev.esem.internal.worker;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

import dev.esem.PythonWorkerException;
import dev.esem.internal.protocol.RequestEncoder;
import dev.esem.internal.protocol.RequestFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one worker's requests, in order. A sender writes its frame itself when nothing
 * is queued, nobody is writing and the frame surely fits in the pipe, the common case,
 * which costs no thread hand-off; otherwise it queues the frame for the I/O executor,
 * which writes the queue in order. A caller therefore never writes other callers' frames
 * (only the release of a few ref ids, which would otherwise send its request off to the
 * I/O executor, a thread wake-up that costs about a round trip), nor waits behind
 * another writer, nor blocks in a write at all, so it always hears of its deadline: the
 * frame surely fits when it and every byte written since the last request the worker
 * has answered (it reads requests in order, so it has read all before that one) add up
 * to at most a quarter of the pipe's capacity: {@link #INLINE_BYTES} until the worker's
 * hello says how large its pipe is (it widens it at start, so that a thousand calls in
 * flight are still written by their callers). A queued frame whose
 * call has already ended (timed out while the worker was not reading) is dropped
 * unwritten.
 * <p>
 * Releases want no reply: their ref ids are gathered and go as one {@code release} frame
 * with the next request (after a call, whose reply the worker sends before it runs them;
 * before a ping, which counts the worker's objects), or within
 * {@link #RELEASE_DELAY_MILLIS} when none comes; that
 * flush runs on the I/O executor, never on the timer thread, since a write can block on
 * the pipe of a worker that stopped reading. Queued bytes are bounded: a request that
 * would pass the bound fails at once.
 * <p>
 * A small one-way frame (the constructor of an object that the Java side named, see
 * {@link #sendAhead}) goes the same way, with the next request, which is usually the
 * first call on that object: inside a call's frame (its {@code "ahead"} member, which the
 * worker runs first), so that the worker reads and decodes one frame; ahead of any other
 * frame. Such frames go with, or ahead of, any frame written after them was handed over,
 * whoever writes it ({@link #writeFrame} takes them first), so neither a call on the
 * object nor its release can overtake its constructor.
 */
final class RequestWriter {

	private static final Logger logger = LoggerFactory.getLogger(RequestWriter.class);

	/** How long a release may wait for a request to go out with. */
	static final long RELEASE_DELAY_MILLIS = 2;

	/**
	 * What a caller may write itself: a quarter of the smallest pipe buffer of the systems
	 * Java runs on, until the worker says how large its pipe is ({@link #pipeHolds}).
	 */
	static final long INLINE_BYTES = 16 * 1024;

	/** The most released ref ids that a caller writes along with its own request. */
	private static final int RELEASES_INLINE = 16;

	/** A bound of the bytes of one released ref id in a release frame. */
	private static final int RELEASE_BYTES = 48;

	/** The most ref ids one release frame carries. */
	private static final int RELEASES_PER_FRAME = 4_096;

	/** The largest one-way frame that waits for the next request ({@link #sendAhead}). */
	static final int AHEAD_BYTES = 1024;

	private record Queued(RequestFrame frame, Call call) {
	}

	private final OutputStream out;

	private final String workerName;

	private final RequestEncoder requests;

	private final LongSupplier ids;

	private final ScheduledExecutorService timer;

	private final Executor io;

	private final long maxQueuedBytes;

	private final ConcurrentLinkedQueue<Queued> queue = new ConcurrentLinkedQueue<>();

	private final AtomicLong queuedBytes = new AtomicLong();

	private final ConcurrentLinkedQueue<String> releases = new ConcurrentLinkedQueue<>();

	/** About how many ref ids wait in {@link #releases}. */
	private final AtomicInteger pendingReleases = new AtomicInteger();

	/** One-way frames to write ahead of the next frame written ({@link #sendAhead}). */
	private final ConcurrentLinkedQueue<RequestFrame> ahead = new ConcurrentLinkedQueue<>();

	/** About the bytes of the frames in {@link #ahead}. */
	private final AtomicLong aheadBytes = new AtomicLong();

	private final AtomicBoolean flushScheduled = new AtomicBoolean();

	private final AtomicBoolean drainScheduled = new AtomicBoolean();

	private final ReentrantLock lock = new ReentrantLock();

	/** What a caller may write itself: {@link #INLINE_BYTES}, or a quarter of the pipe the worker reported. */
	private volatile long inlineBytes = INLINE_BYTES;

	/** Bytes written to the worker so far; changed under the lock. */
	private volatile long written;

	/** Bytes of its input that the worker has surely read, as its replies tell. */
	private final AtomicLong read = new AtomicLong();

	/** Where large segments go instead of the pipe, or {@code null}. */
	private final SharedSegments shared;

	private volatile boolean closed;

	RequestWriter(OutputStream out, String workerName, RequestEncoder requests, LongSupplier ids,
			ScheduledExecutorService timer, Executor io, long maxQueuedBytes, SharedSegments shared) {
		this.out = out;
		this.shared = shared;
		this.workerName = workerName;
		this.requests = requests;
		this.ids = ids;
		this.timer = timer;
		this.io = io;
		this.maxQueuedBytes = maxQueuedBytes;
	}

	/**
	 * Writes the request of {@code call} at once when nothing else waits to be written and
	 * nobody is writing; otherwise queues it for the I/O executor, so a caller never
	 * writes other frames than its own, nor waits for another writer. Throws
	 * {@link PythonWorkerException} when the worker has too much unread already.
	 */
	void send(RequestFrame frame, Call call) {
		if (this.queue.isEmpty() && this.pendingReleases.get() <= RELEASES_INLINE
				&& fitsUnread(pipedSize(frame) + RELEASE_BYTES * RELEASES_INLINE + this.aheadBytes.get())
				&& this.lock.tryLock()) {
			try {
				// a few ids: cheaper than handing them to the I/O executor; after a call,
				// since the worker runs them after its reply anyway, but ahead of a ping,
				// which counts the worker's objects
				boolean releasesFirst = call == null || call.target().isInternal();
				if (releasesFirst && !this.releases.isEmpty()) {
					writeReleases();
				}
				writeFrame(frame, call);
				if (!releasesFirst && !this.releases.isEmpty()) {
					writeReleases();
				}
				this.out.flush();
			}
			catch (IOException ex) {
				writeFailed(ex);
			}
			finally {
				this.lock.unlock();
			}
			if (!this.queue.isEmpty() || !this.releases.isEmpty() || !this.ahead.isEmpty()) {
				drainSoon(); // queued while we wrote
			}
			return;
		}
		long size = frame.size();
		if (this.queuedBytes.addAndGet(size) > this.maxQueuedBytes) {
			this.queuedBytes.addAndGet(-size);
			throw new PythonWorkerException("Python " + this.workerName + " has not read "
					+ (this.maxQueuedBytes >> 20) + " MiB of earlier requests; it is stuck or too slow");
		}
		this.queue.add(new Queued(frame, call));
		drainSoon();
	}

	/**
	 * Asks the worker to drop an object, without waiting: see the class comment. While
	 * requests wait in the queue, the release goes behind them, as a frame of its own: one
	 * of them may be the one-way construct of this very object, which the worker must
	 * read first (waiting releases are written ahead of the queue).
	 */
	void release(String refId) {
		if (this.closed) {
			return;
		}
		if (!this.queue.isEmpty()) {
			RequestFrame frame = this.requests.release(List.of(refId)).withId(this.ids.getAsLong());
			this.queuedBytes.addAndGet(frame.size());
			this.queue.add(new Queued(frame, null));
			drainSoon();
			return;
		}
		this.releases.add(refId);
		this.pendingReleases.incrementAndGet();
		flushLater();
	}

	/**
	 * Sends a one-way frame with the next frame written to the worker, or within
	 * {@link #RELEASE_DELAY_MILLIS} when none comes; before any frame handed over after
	 * this returns. A frame with segments, or over {@link #AHEAD_BYTES}, is sent at once.
	 */
	void sendAhead(RequestFrame frame) {
		long size = frame.size();
		if (!frame.segments().isEmpty() || size > AHEAD_BYTES) {
			send(frame, null);
			return;
		}
		if (this.closed) {
			return; // the worker is ending: its objects end with it
		}
		this.aheadBytes.addAndGet(size);
		this.ahead.add(frame);
		flushLater();
	}

	/** Has what waits for the next request written within {@link #RELEASE_DELAY_MILLIS}, if no request takes it along. */
	private void flushLater() {
		if (this.flushScheduled.compareAndSet(false, true)) {
			try {
				this.timer.schedule(this::flushSoon, RELEASE_DELAY_MILLIS, TimeUnit.MILLISECONDS);
			}
			catch (RejectedExecutionException ex) {
				this.flushScheduled.set(false); // the bridge is closing: its workers are stopping
			}
		}
	}

	private void flushSoon() {
		this.flushScheduled.set(false);
		// else a caller's request took them along: no I/O thread to wake
		if (!this.releases.isEmpty() || !this.ahead.isEmpty()) {
			drainSoon();
		}
	}

	/** Has the I/O executor write what is queued (a write can block on a worker that stopped reading). */
	private void drainSoon() {
		if (this.drainScheduled.compareAndSet(false, true)) {
			this.io.execute(() -> { // inline once the bridge has closed: the closed pipe fails at once
				this.drainScheduled.set(false);
				drain();
			});
		}
	}

	/** Writes whatever is queued, on the I/O executor, unless another thread is writing (it will take it along). */
	private void drain() {
		while ((!this.queue.isEmpty() || !this.releases.isEmpty() || !this.ahead.isEmpty()) && this.lock.tryLock()) {
			try {
				writeAhead();
				writeReleases();
				Queued next;
				while ((next = this.queue.poll()) != null) {
					this.queuedBytes.addAndGet(-next.frame().size());
					if (next.call() == null || !next.call().isDone()) {
						writeFrame(next.frame(), next.call());
					}
				}
				this.out.flush();
			}
			catch (IOException ex) {
				writeFailed(ex);
			}
			finally {
				this.lock.unlock();
			}
		}
	}

	private void writeReleases() throws IOException {
		List<String> refs = new ArrayList<>();
		String ref;
		while ((ref = this.releases.poll()) != null) {
			this.pendingReleases.decrementAndGet();
			refs.add(ref);
			if (refs.size() == RELEASES_PER_FRAME) {
				writeFrame(this.requests.release(refs).withId(this.ids.getAsLong()), null);
				refs = new ArrayList<>();
			}
		}
		if (!refs.isEmpty()) {
			writeFrame(this.requests.release(refs).withId(this.ids.getAsLong()), null);
		}
	}

	/** Takes the one-way frames waiting to go ahead, for a frame to carry; under the lock. */
	private List<RequestFrame> takeAhead() {
		List<RequestFrame> frames = new ArrayList<>(1);
		RequestFrame frame;
		while ((frame = this.ahead.poll()) != null) {
			this.aheadBytes.addAndGet(-frame.size());
			frames.add(frame);
		}
		return frames;
	}

	/** Writes the one-way frames waiting to go ahead ({@link #sendAhead}); under the lock. */
	private void writeAhead() throws IOException {
		writeEach(takeAhead());
	}

	private void writeEach(List<RequestFrame> frames) throws IOException {
		for (RequestFrame frame : frames) {
			frame.writeTo(this.out);
			this.written += frame.size();
		}
	}

	/** Whether {@code size} more bytes surely fit in the pipe with what the worker may not have read. */
	private boolean fitsUnread(long size) {
		return this.written - this.read.get() + size <= this.inlineBytes;
	}

	/**
	 * The worker's request pipe holds {@code bytes} (it widened it at start): callers may
	 * write up to a quarter of that unread themselves. A quarter, because the pipe holds
	 * pages, and a write that does not fit in the last page's room starts a new one: at
	 * worst half of each page is used. Less than {@link #INLINE_BYTES} when the system
	 * gave the pipe less than 64 KiB (a user whose pipes hold too much already gets pipes
	 * of one page).
	 */
	void pipeHolds(long bytes) {
		this.inlineBytes = bytes / 4;
	}

	/**
	 * The bytes of {@code frame} that will go through the pipe: its large segments take
	 * the shared file when the worker has one (should it be full, they take the pipe
	 * after all, written by the caller: the worker reads on as it serves).
	 */
	private long pipedSize(RequestFrame frame) {
		return pipedBytes(frame.size(), frame.segments(), this.shared != null && this.shared.enabled());
	}

	/** Of a frame of {@code size} bytes, those that the pipe carries when large segments take a {@code shared} file. */
	static long pipedBytes(long size, List<byte[]> segments, boolean shared) {
		long piped = size;
		for (int i = 0; shared && i < segments.size(); i++) {
			piped -= (segments.get(i).length >= SharedSegments.THRESHOLD) ? segments.get(i).length : 0;
		}
		return piped;
	}

	/** The worker answered {@code call}: it has read its request and every byte before. */
	void replied(Call call) {
		long end = call.inputEnd;
		this.read.accumulateAndGet(end, Math::max);
	}

	/**
	 * Writes {@code frame} with the frames waiting to go ahead, inside it when it is a call
	 * that stays within the frame limit with them, else before it: each was handed over
	 * before {@code frame} was taken from where it waited, so none that must precede it is
	 * missed.
	 */
	private void writeFrame(RequestFrame frame, Call call) throws IOException {
		List<RequestFrame> carried = List.of();
		if (!this.ahead.isEmpty()) {
			List<RequestFrame> taken = takeAhead();
			// a call carries them: the worker reads and decodes one frame, not two
			if (call != null && !call.target().isInternal()
					&& this.requests.fits(frame.size() + RequestFrame.carriedSize(taken))) {
				carried = taken;
			}
			else {
				writeEach(taken);
			}
		}
		boolean[] inShared = (this.shared != null && !frame.segments().isEmpty()) ? this.shared.place(frame.segments())
				: null;
		long end = this.written + frame.size() + RequestFrame.carriedSize(carried);
		for (int i = 0; inShared != null && i < inShared.length; i++) {
			end -= inShared[i] ? frame.segments().get(i).length : 0;
		}
		if (call != null) {
			call.inputEnd = end; // before its reply can come
		}
		frame.writeTo(this.out, inShared, carried);
		this.written = end;
	}

	private void writeFailed(IOException ex) {
		// the process is gone: its end fails every pending call
		this.closed = true;
		this.queue.clear();
		this.releases.clear();
		this.ahead.clear();
		logger.debug("[{}] write failed: {}", this.workerName, ex.toString());
	}

	/**
	 * Closes the worker's input: it ends once it has served what it read. Not under the
	 * lock: a thread blocked writing to a worker that stopped reading then fails at once.
	 */
	void close() {
		this.closed = true;
		try {
			this.out.close();
		}
		catch (IOException ex) {
			logger.debug("[{}] closing stdin: {}", this.workerName, ex.toString());
		}
	}

}
