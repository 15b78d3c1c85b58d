package dev.esem.internal.executor;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads of one bridge, all daemon threads, so they never keep the JVM alive:
 * <ul>
 * <li>{@link #timer()}: one thread for deadlines and delays; its tasks never block;</li>
 * <li>{@link #io()}: writes that may block on a worker that stopped reading, and
 * bringing workers up (start, restart, recycling) and killing them;</li>
 * <li>{@link #completions()}: where asynchronous calls complete and Java functions that
 * Python calls run, so user code never runs on a thread that reads replies; an idle one
 * also reads for a caller whose call passes Java functions, and copies half of a large
 * segment.</li>
 * </ul>
 * The I/O executor grows a thread for each task that finds none idle; the completion
 * executor one whenever its queue stands still while tasks wait (see
 * {@link CompletionExecutor}): completion stages and callbacks may block (on a latch, in
 * I/O, on another esem call), and however many do, the others still run, so unrelated
 * calls end at their deadlines.
 * Once the bridge has closed, both run what they are given on the calling thread, as
 * nobody else is left to run it.
 */
public final class BridgeExecutors {

	private final ScheduledThreadPoolExecutor timer;

	private final ExecutorService io;

	private final CompletionExecutor completions;

	public BridgeExecutors() {
		this.timer = new ScheduledThreadPoolExecutor(1, daemonThreads("esem-timer"));
		this.timer.setRemoveOnCancelPolicy(true);
		this.io = Executors.newCachedThreadPool(daemonThreads("esem-io"));
		this.completions = new CompletionExecutor("esem-completion", this.timer);
	}

	private static ThreadFactory daemonThreads(String name) {
		AtomicInteger count = new AtomicInteger();
		return task -> {
			Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	public ScheduledThreadPoolExecutor timer() {
		return this.timer;
	}

	/** The I/O executor, for those that must know when the bridge has closed (it rejects then). */
	public ExecutorService ioService() {
		return this.io;
	}

	public Executor io() {
		return task -> run(this.io, task);
	}

	public CompletionThreads completions() {
		return this.completions;
	}

	/** Runs {@code task} on {@code executor}, or on the calling thread once the bridge has closed. */
	public static void run(Executor executor, Runnable task) {
		try {
			executor.execute(task);
		}
		catch (RejectedExecutionException ex) {
			task.run(); // the bridge has closed
		}
	}

	public void shutdown() {
		this.timer.shutdownNow();
		this.io.shutdownNow();
		this.completions.shutdown();
	}

}
