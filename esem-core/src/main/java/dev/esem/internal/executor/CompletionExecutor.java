package dev.esem.internal.executor;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where asynchronous calls complete and Java functions that Python calls run: a queue
 * and as few threads as keep it moving. A task goes to an idle thread when there is one;
 * otherwise it waits in the queue for a busy thread to finish its task. A burst of
 * completions (a thousand pipelined calls answered in one read) therefore runs on the
 * threads already awake, one after the other, instead of waking or starting a thread
 * each, as a cached thread pool does.
 * <p>
 * Tasks may block (on a latch, in I/O, on another esem call), and however many do, the
 * others still run: while tasks wait and no thread has taken one for
 * {@link #STALL_MILLIS}, every thread is held up, and one more thread starts. Idle
 * threads end after {@link #KEEP_ALIVE_SECONDS}. Once shut down, the executor runs what
 * it is given on the calling thread, and its threads end once the queue is empty.
 */
final class CompletionExecutor implements CompletionThreads {

	/** How long the queue may stand still, while tasks wait, before another thread starts. */
	static final long STALL_MILLIS = 2;

	private static final long KEEP_ALIVE_SECONDS = 60;

	private static final Runnable WAKE_UP = () -> {
	};

	private final String name;

	private final ScheduledExecutorService timer;

	private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();

	private final AtomicInteger threads = new AtomicInteger();

	/** Threads waiting for a task. */
	private final AtomicInteger idle = new AtomicInteger();

	/** Tasks taken from the queue so far: when it stands still while tasks wait, every thread is held up. */
	private final AtomicLong taken = new AtomicLong();

	private final AtomicInteger started = new AtomicInteger();

	private final AtomicBoolean watching = new AtomicBoolean();

	private volatile boolean shutDown;

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
		if (this.shutDown) {
			task.run(); // nobody else is left to run it
			return;
		}
		this.queue.add(task);
		if (this.idle.get() == 0) { // nobody waits to take it: a busy thread will, unless all are held up
			if (this.threads.get() == 0) {
				startThread();
			}
			else {
				watch();
			}
		}
	}

	@Override
	public boolean executeIfIdle(Runnable task) {
		if (this.shutDown) {
			return false;
		}
		if (this.threads.get() == 0) {
			this.queue.add(task);
			startThread();
			return true;
		}
		if (this.idle.get() == 0) {
			return false;
		}
		this.queue.add(task); // an idle thread takes it, unless another task's thread does first
		return true;
	}

	/** Runs what is queued already; runs later tasks on the calling thread. */
	void shutdown() {
		this.shutDown = true;
		for (int i = this.threads.get(); i > 0; i--) {
			this.queue.add(WAKE_UP); // behind the tasks queued: each ends the thread that takes it
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
		if (this.queue.isEmpty()) {
			return;
		}
		if (this.taken.get() == mark && this.idle.get() == 0) {
			startThread(); // every thread is held up by a task that blocks (or runs long)
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
			if (task == WAKE_UP) {
				this.threads.decrementAndGet();
				return;
			}
			if (task == null) {
				this.threads.decrementAndGet();
				// a task queued while this thread gave up, by a sender that counted it idle
				if (this.queue.isEmpty() || this.shutDown) {
					return;
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

	/** The next task, or {@code null} when this thread has been idle long enough or the executor shut down with nothing queued. */
	private Runnable take() {
		Runnable task = this.queue.poll();
		if (task != null || this.shutDown) {
			return task;
		}
		this.idle.incrementAndGet();
		try {
			task = this.queue.poll(KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			task = null;
		}
		finally {
			this.idle.decrementAndGet();
		}
		return task;
	}

}
