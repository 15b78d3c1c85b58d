package dev.esem.internal.worker;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Reads one worker's output, by whichever thread is best placed to (leader/follower).
 * <p>
 * A caller blocked on its own call reads the replies itself when nobody else is
 * reading, for up to {@link #SPIN_NANOS}: the pipe then wakes the caller directly, where
 * a reader thread would be woken by the pipe and would in turn have to wake the caller
 * (on two cores that hand-off costs more than the rest of a call). A caller only ever
 * reads bytes that are there already, so it never blocks in a read: its call can end
 * otherwise (timeout, interrupt) whatever the worker does. A call that takes longer is
 * left to the worker's {@link ReaderThread}, which reads in blocking reads: for those
 * calls, for asynchronous calls, and once the worker has been idle for a while, so that
 * log events and the end of the output are seen at once. It alone ends the worker.
 * <p>
 * A callback request that a reading caller hands to another thread to run its Java
 * function (see {@link Worker#callbackStarted()}) stops the caller's reading: Python
 * writes nothing more for that call before the function's answer, and a caller spinning
 * meanwhile would take a core from the thread that runs the function. The caller parks
 * until the answer is written (it is woken then, while Python reads it), for up to
 * {@link #SPIN_NANOS}, and then reads its reply as before.
 * <p>
 * Whoever reads completes only the futures of blocking calls itself (their callers are
 * parked on them and run no callbacks); other futures complete on the bridge's
 * completion executor (see {@link CallLedger}). Nobody ever blocks waiting for the
 * turn: a caller that finds it taken parks on its own future, the reader thread parks
 * until it is woken.
 */
final class ReplyReader implements CallLedger.UnreadCounter {

	/** How long the worker must be idle before the reader thread blocks in a read of its own. */
	private static final long IDLE_NANOS = 20_000_000;

	/** How long a blocking caller reads for its own reply before it leaves it to the reader thread. */
	private static final long SPIN_NANOS = 200_000;

	private static final ThreadLocal<Boolean> READING = new ThreadLocal<>();

	/** What the reader hands over. */
	interface Sink {

		/** A frame, with the binary segments that followed it ({@code null} when none did). */
		void frame(byte[] bytes, int offset, int length, byte[][] segments);

		void oversize(long id);

		/** The output ended; {@code failure} says why when it did not end cleanly. Called once. */
		void ended(String failure);

	}

	private final FrameReader frames;

	private final Sink sink;

	private final ReaderThread thread;

	/** The read turn: whoever sets it may use {@link #frames}. */
	private final AtomicBoolean turn = new AtomicBoolean();

	/** Pending calls whose callers do not read: the reader thread reads for them. */
	private final AtomicInteger unread = new AtomicInteger();

	private volatile boolean threadParked;

	/** Java functions that Python called, handed to other threads and not answered yet. */
	private final AtomicInteger callbacksRunning = new AtomicInteger();

	/** A caller that parks until they are answered (see {@link #await}), or {@code null}. */
	private volatile Thread answerAwaiter;

	/** When a read last ended. */
	private volatile long lastRead = System.nanoTime() - IDLE_NANOS;

	/** The process has exited, or a reading caller met the end of the output or failed. */
	private volatile boolean stopping;

	private volatile String readFailure;

	ReplyReader(FrameReader frames, Sink sink, String threadName) {
		this.frames = frames;
		this.sink = sink;
		this.thread = new ReaderThread(this::run, threadName);
	}

	void start() {
		this.thread.start();
	}

	/** Whether the current thread reads replies now (a blocking call from it could wait for itself). */
	static boolean isReadingThread() {
		return Thread.currentThread() instanceof ReaderThread || READING.get() == Boolean.TRUE;
	}

	/** A call was sent whose caller will not read: the reader thread must. */
	@Override
	public void unreadCallSent() {
		this.unread.incrementAndGet();
		wakeThread();
	}

	/** Such a call ended. */
	@Override
	public void unreadCallEnded() {
		this.unread.decrementAndGet();
	}

	/** The process has exited: the reader thread drains its output and ends the worker. */
	void processExited() {
		this.stopping = true;
		wakeThread();
	}

	/**
	 * Waits for {@code call} to end: reads the replies itself for a while if nobody else
	 * does, else (or then) parks until the thread that reads, the call's timeout or the
	 * worker's end completes it.
	 */
	void await(Call call) throws InterruptedException, ExecutionException {
		while (!call.isDone() && this.turn.compareAndSet(false, true)) {
			boolean answerAwaited = false;
			READING.set(Boolean.TRUE);
			try {
				long spinUntil = System.nanoTime() + SPIN_NANOS;
				while (!call.isDone() && !this.stopping && !Thread.currentThread().isInterrupted()) {
					if (!handleBuffered(call) && !this.frames.fillAvailable()) {
						if (this.callbacksRunning.get() > 0) {
							answerAwaited = true; // see the class comment
							break;
						}
						if (System.nanoTime() - spinUntil >= 0) {
							break;
						}
						Thread.onSpinWait();
					}
				}
			}
			catch (IOException | RuntimeException ex) {
				this.readFailure = ex.toString();
				this.stopping = true;
			}
			finally {
				READING.set(Boolean.FALSE);
				this.lastRead = System.nanoTime();
				this.turn.set(false);
			}
			if (!answerAwaited || !awaitAnswer(call)) {
				break;
			}
		}
		if (!call.isDone()) {
			unreadCallSent();
			// counted out by whoever ends the call, as it does: counted out by this thread
			// once it runs again, the call would still count when the reader thread that
			// woke it looks again, and the reader thread would read on, holding the turn,
			// and read the replies of this caller's next calls too
			call.whenComplete((value, failure) -> unreadCallEnded());
			call.get();
		}
		else if (this.unread.get() > 0 || this.stopping) {
			wakeThread();
		}
	}

	/** A Java function that Python called was handed to another thread to run. */
	void callbackStarted() {
		this.callbacksRunning.incrementAndGet();
	}

	/** The answer of a Java function that Python called has been written. */
	void callbackAnswered() {
		this.callbacksRunning.decrementAndGet();
		Thread waiting = this.answerAwaiter;
		if (waiting != null) {
			LockSupport.unpark(waiting);
		}
	}

	/**
	 * Parks, for up to {@link #SPIN_NANOS}, until the Java functions that Python called
	 * have been answered; returns whether they were in that time.
	 */
	private boolean awaitAnswer(Call call) {
		long until = System.nanoTime() + SPIN_NANOS;
		this.answerAwaiter = Thread.currentThread();
		try {
			while (this.callbacksRunning.get() > 0) {
				long left = until - System.nanoTime();
				if (left <= 0 || call.isDone() || Thread.currentThread().isInterrupted()) {
					return false;
				}
				LockSupport.parkNanos(this, left);
			}
			return true;
		}
		finally {
			this.answerAwaiter = null;
		}
	}

	/**
	 * Hands over the whole frames read so far, until {@code call} has ended when one is
	 * given: its caller returns at once, and what came after its reply (the drop of the
	 * functions it passed, say) waits for the next reader. Returns whether there was a
	 * frame.
	 */
	private boolean handleBuffered(Call call) {
		boolean any = false;
		FrameReader.Frame frame;
		while ((call == null || !call.isDone()) && (frame = this.frames.poll()) != null) {
			any = true;
			if (frame.isOversize()) {
				this.sink.oversize(frame.oversizeId());
			}
			else {
				this.sink.frame(frame.bytes(), frame.offset(), frame.length(), frame.segments());
			}
		}
		return any;
	}

	private void wakeThread() {
		if (this.threadParked) {
			LockSupport.unpark(this.thread);
		}
	}

	/** The reader thread: reads when no caller does, until the output ends. */
	private void run() {
		String failure = null;
		try {
			while (true) {
				long wait = readerWait();
				if (wait == 0 && this.turn.compareAndSet(false, true)) {
					boolean more;
					try {
						handleBuffered(null);
						more = this.frames.fill();
						handleBuffered(null);
					}
					finally {
						// the next blocking caller reads its reply itself, unless the worker goes idle
						this.lastRead = System.nanoTime();
						this.turn.set(false);
					}
					if (!more) {
						break;
					}
				}
				else {
					this.threadParked = true;
					if (readerWait() != 0) {
						LockSupport.parkNanos(this, Math.max(wait, 1));
					}
					this.threadParked = false;
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			failure = ex.toString();
		}
		this.sink.ended((failure != null) ? failure : this.readFailure);
	}

	/** 0 when the reader thread should read now, else how long it may park. */
	private long readerWait() {
		if (this.unread.get() > 0 || this.stopping) {
			return this.turn.get() ? IDLE_NANOS : 0;
		}
		long idle = System.nanoTime() - this.lastRead;
		return (idle >= IDLE_NANOS && !this.turn.get()) ? 0 : Math.max(IDLE_NANOS - idle, 1_000_000);
	}

}
