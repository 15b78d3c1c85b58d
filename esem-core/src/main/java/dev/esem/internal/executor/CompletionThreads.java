package dev.esem.internal.executor;

import java.util.concurrent.Executor;

/**
 * The bridge's completion threads (see {@link BridgeExecutors#completions()}): an
 * executor that can also hand a task over only when one of its threads waits for one,
 * so that the task starts without waiting behind others or for a thread to start.
 */
public interface CompletionThreads extends Executor {

	/**
	 * Hands {@code task} to a thread that waits for one, or to the first thread when there
	 * is none yet; returns {@code false}, and runs nothing, when every thread is busy (or
	 * the bridge has closed).
	 */
	boolean executeIfIdle(Runnable task);

}
