package dev.esem.internal.executor;

import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Where asynchronous calls complete and Java functions that Python calls run: a queue
 * and as few threads as keep it moving. A task goes straight to an idle thread when there
 * is one, the one that became idle last; otherwise it waits in the queue for a busy
 * thread to finish its task. A burst of completions (a thousand pipelined calls answered
 * in one read) therefore runs on the threads already awake, one after the other, instead
 * of waking or starting a thread each, as a cached thread pool does.
 * <p>
 * Each idle thread waits for a task of its own, so a task wakes exactly the thread that
 * runs it. A queue that idle threads all wait on wakes the longest idle one, and wakes it
 * even when a thread finishing its task takes the task first: with a caller, a worker and
 * the thread that runs a Java function on two cores, that needless wake-up lands on the
 * core the worker runs on and stalls it, call after call. The thread that became idle
 * last is also the one most likely to wake quickly, where its core has not gone idle.
 * <p>
 * Tasks may block (on a latch, in I/O, on another esem call), and however many do, the
 * others still run: while tasks wait and no thread has taken one for
 * {@link #STALL_MILLIS}, every thread is held up, and one more thread starts. Idle
 * threads end after {@link #KEEP_ALIVE_NANOS}. Once shut down, the executor runs what it
 * is given on the calling thread, and its threads end once the queue is empty.
 */
final class CompletionExecutor implements CompletionThreads {

	/** How long the queue may stand still, while tasks wait, before another thread starts. */
	static final long STALL_MILLIS = 2;

	private static final long KEEP_ALIVE_NANOS = TimeUnit.SECONDS.toNanos(60);

	private final String name;

	private final ScheduledExecutorService timer;

	/** Guards {@link #queue}, {@link #idle} and {@link #shutDown}: either no task waits or no thread does. */
	private final Object lock = new Object();

	/** Tasks that wait for a busy thread to finish its task. */
	private final ArrayDeque<Runnable> queue = new ArrayDeque<>();

	/** Threads that wait for a task, the one that became idle last at the end. */
	private final ArrayDeque<Idle> idle = new ArrayDeque<>();

	private final AtomicInteger threads = new AtomicInteger();

	/** Tasks taken from the queue so far: when it stands still while tasks wait, every thread is held up. */
	private final AtomicLong taken = new AtomicLong();

	private final AtomicInteger started = new AtomicInteger();

	private final AtomicBoolean watching = new AtomicBoolean();

	private boolean shutDown;

	/**
	 * @param name the prefix of the threads' names
	 * @param timer where the check for a queue that stands still runs
	 */
	CompletionExecutor(String name, ScheduledExecutorService timer) {
		this.name = name;
		this.timer = timer;
	}

	@Override
	public void execute(Runnable task) {
		Idle waiting = null;
		boolean queued = false;
		synchronized (this.lock) {
			if (!this.shutDown) {
				waiting = this.idle.pollLast();
				if (waiting == null) {
					this.queue.add(task);
					queued = true;
				}
			}
		}
		if (waiting != null) {
			waiting.hand(task);
		}
		else if (!queued) {
			task.run(); // shut down: nobody else is left to run it
		}
		else if (this.threads.get() == 0) {
			startThread();
		}
		else {
			watch(); // a busy thread takes it, unless all are held up
		}
	}

	@Override
	public boolean executeIfIdle(Runnable task) {
		Idle waiting;
		synchronized (this.lock) {
			if (this.shutDown) {
				return false;
			}
			waiting = this.idle.pollLast();
			if (waiting == null) {
				if (this.threads.get() > 0) {
					return false;
				}
				this.queue.add(task);
			}
		}
		if (waiting != null) {
			waiting.hand(task);
		}
		else {
			startThread(); // the first thread
		}
		return true;
	}

	/** Runs what is queued already; runs later tasks on the calling thread. */
	void shutdown() {
		synchronized (this.lock) {
			this.shutDown = true;
			Idle waiting;
			while ((waiting = this.idle.pollLast()) != null) {
				waiting.hand(null); // nothing is queued while a thread waits: it ends
			}
		}
	}

	/** Looks again, once, after {@link #STALL_MILLIS}: whether the queue moved. */
	private void watch() {
		if (!this.watching.compareAndSet(false, true)) {
			return;
		}
		long mark = this.taken.get();
		try {
			this.timer.schedule(() -> check(mark), STALL_MILLIS, TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) { // the timer has stopped: the bridge is closing
			this.watching.set(false);
			startThread();
		}
	}

	private void check(long mark) {
		this.watching.set(false);
		synchronized (this.lock) {
			if (this.queue.isEmpty()) {
				return;
			}
		}
		if (this.taken.get() == mark) {
			startThread(); // tasks wait, no thread is idle: every one is held up by a task that blocks (or runs long)
		}
		watch();
	}

	private void startThread() {
		this.threads.incrementAndGet();
		Thread thread = new Thread(this::work, this.name + "-" + this.started.incrementAndGet());
		thread.setDaemon(true);
		thread.start();
	}

	private void work() {
		while (true) {
			Runnable task = take();
			if (task == null) {
				this.threads.decrementAndGet();
				// a task queued while this thread gave up, by a sender that still counted it
				synchronized (this.lock) {
					if (this.shutDown || this.queue.isEmpty()) {
						return;
					}
				}
				this.threads.incrementAndGet();
				continue;
			}
			this.taken.incrementAndGet();
			try {
				task.run();
			}
			catch (Throwable ex) {
				Thread current = Thread.currentThread();
				current.getUncaughtExceptionHandler().uncaughtException(current, ex);
			}
		}
	}

	/**
	 * The next task: a queued one, else one handed to this thread while it waits; {@code null}
	 * when it has been idle long enough or the executor shut down with nothing queued.
	 */
	private Runnable take() {
		Idle waiting;
		synchronized (this.lock) {
			Runnable task = this.queue.poll();
			if (task != null || this.shutDown) {
				return task;
			}
			waiting = new Idle(Thread.currentThread());
			this.idle.addLast(waiting);
		}
		long until = System.nanoTime() + KEEP_ALIVE_NANOS;
		while (!waiting.handed) {
			long left = until - System.nanoTime();
			if (left <= 0) {
				synchronized (this.lock) {
					if (!waiting.handed) {
						this.idle.remove(waiting);
						return null;
					}
				}
				break;
			}
			LockSupport.parkNanos(this, left); // an interrupt is no task: it waits on
			Thread.interrupted();
		}
		return waiting.task;
	}

	/** A thread that waits for a task, and the task handed to it. */
	private static final class Idle {

		private final Thread thread;

		private Runnable task;

		/** Written after {@link #task}, so a thread that sees it set sees the task too. */
		private volatile boolean handed;

		Idle(Thread thread) {
			this.thread = thread;
		}

		/** Hands {@code task} over ({@code null}: the thread ends) and wakes the thread. */
		void hand(Runnable task) {
			this.task = task;
			this.handed = true;
			LockSupport.unpark(this.thread);
		}

	}

}
