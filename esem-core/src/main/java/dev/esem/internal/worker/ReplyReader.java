package dev.esem.internal.worker;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import dev.esem.internal.executor.CompletionThreads;

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
 * A callback request that a reading caller hands to a completion thread to run its
 * Java function (see {@link #runCallback}) stops the caller's reading: Python writes
 * nothing more for that call before the function's answer, and a caller spinning
 * meanwhile would take a core from the thread that runs the function. The caller parks
 * until the answer is written (it is woken then, while Python reads it), for up to
 * {@link #SPIN_NANOS}, and then reads its reply as before.
 * <p>
 * A caller whose call passes Java functions, which Python will likely call, lends its
 * reading to a completion thread that waits for a task, if one does, and parks (see
 * {@link #lendReading}): the callback request then finds awake the thread that runs the
 * function, which it would otherwise have to wake, between the request and the answer.
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

	/** The states of a caller's reading lent to a completion thread: handed over, read, ended, taken back unread. */
	private static final int LENT = 0;

	private static final int READING_LENT = 1;

	private static final int ENDED = 2;

	private static final int WITHDRAWN = 3;

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

	/** Where Java functions that Python calls run, and who reads for a caller that lends its reading. */
	private final CompletionThreads completions;

	/** The completion thread that reads for a caller now, holding the turn, or {@code null}. */
	private Thread lentReader;

	/** The first callback request that {@link #lentReader} read: it runs it once it stops reading. */
	private Runnable lentCallback;

	/**
	 * A completion thread that read for a caller has woken it and is on its way back to
	 * wait for a task: the caller's next call may lend its reading to it already.
	 */
	private final AtomicBoolean lentReaderReturning = new AtomicBoolean();

	/** When a read last ended. */
	private volatile long lastRead = System.nanoTime() - IDLE_NANOS;

	/** The process has exited, or a reading caller met the end of the output or failed. */
	private volatile boolean stopping;

	private volatile String readFailure;

	ReplyReader(FrameReader frames, Sink sink, String threadName, CompletionThreads completions) {
		this.frames = frames;
		this.sink = sink;
		this.completions = completions;
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
	 * Waits for {@code call} to end: lends its reading first when it passes Java functions
	 * (see {@link #lendReading}); reads the replies itself for a while if nobody else
	 * does, else (or then) parks until the thread that reads, the call's timeout or the
	 * worker's end completes it.
	 */
	void await(Call call) throws InterruptedException, ExecutionException {
		if (!call.functions().isEmpty()) {
			lendReading(call);
		}
		while (!call.isDone() && this.turn.compareAndSet(false, true)) {
			// a Java function handed over stops the reading: see the class comment
			boolean answerAwaited = readFor(call, () -> this.callbacksRunning.get() > 0);
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
	}

	/**
	 * Reads the replies for {@code call}, having taken the turn, until the call ends,
	 * nothing comes for {@link #SPIN_NANOS}, or {@code pause} holds when nothing is left
	 * to read; returns whether it stopped for {@code pause}. Gives the turn back, and
	 * wakes the reader thread when calls wait for it to read (or the output ends).
	 */
	private boolean readFor(Call call, BooleanSupplier pause) {
		READING.set(Boolean.TRUE);
		try {
			long spinUntil = System.nanoTime() + SPIN_NANOS;
			while (!call.isDone() && !this.stopping && !Thread.currentThread().isInterrupted()) {
				if (!handleBuffered(call) && !this.frames.fillAvailable()) {
					if (pause.getAsBoolean()) {
						return true;
					}
					if (System.nanoTime() - spinUntil >= 0) {
						break;
					}
					// not onSpinWait: when the worker (or the thread that runs a Java function)
					// shares this core, the other one busy, it runs now instead of after a time slice
					Thread.yield();
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
			if (this.unread.get() > 0 || this.stopping) {
				wakeThread(); // calls that wait for the reader thread, or the end
			}
		}
		return false;
	}

	/**
	 * Lends the caller's reading for {@code call} to a completion thread that waits for a
	 * task (see the class comment), and parks until that thread has read and run the first
	 * callback request it read (or the call ended, or it read for {@link #SPIN_NANOS}
	 * and nothing came): the caller then reads its reply as usual. Returns at once when
	 * no completion thread waits; returns after twice {@link #SPIN_NANOS} at the latest.
	 */
	private void lendReading(Call call) {
		Thread caller = Thread.currentThread();
		AtomicInteger state = new AtomicInteger(LENT);
		Runnable reading = () -> readForCaller(call, caller, state);
		if (this.lentReaderReturning.getAndSet(false)) {
			this.completions.execute(reading); // the caller ran first: that thread takes it as it returns
		}
		else if (!this.completions.executeIfIdle(reading)) {
			return;
		}
		long until = System.nanoTime() + 2 * SPIN_NANOS;
		while (!call.isDone() && state.get() != ENDED && !caller.isInterrupted()) {
			long left = until - System.nanoTime();
			if (left <= 0) {
				break;
			}
			LockSupport.parkNanos(this, left);
		}
		state.compareAndSet(LENT, WITHDRAWN); // not started: it never will, the caller reads
	}

	/** On a completion thread: reads for the caller that lent its reading, then runs the callback read. */
	private void readForCaller(Call call, Thread caller, AtomicInteger state) {
		if (!state.compareAndSet(LENT, READING_LENT)) {
			return; // withdrawn
		}
		try {
			Runnable callback = null;
			if (this.turn.compareAndSet(false, true)) {
				this.lentReader = Thread.currentThread();
				try {
					readFor(call, () -> this.lentCallback != null);
				}
				finally {
					this.lentReader = null;
					callback = this.lentCallback;
					this.lentCallback = null;
				}
			}
			if (callback != null) {
				callback.run(); // a completion thread that reads no more
			}
		}
		finally {
			state.set(ENDED);
			this.lentReaderReturning.set(true);
			LockSupport.unpark(caller);
		}
	}

	/**
	 * Runs {@code answering}, which runs the Java function of a callback request and
	 * writes its answer, on a completion thread: the thread that reads for a caller (see
	 * {@link #lendReading}) once it stops reading, if it has none to run yet; else the
	 * first thread free.
	 */
	void runCallback(Runnable answering) {
		this.callbacksRunning.incrementAndGet();
		if (this.lentReader == Thread.currentThread() && this.lentCallback == null) {
			this.lentCallback = answering;
		}
		else {
			this.completions.execute(answering);
		}
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
