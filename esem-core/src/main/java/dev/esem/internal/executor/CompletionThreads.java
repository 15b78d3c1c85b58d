package dev.esem.internal.executor;

import java.util.concurrent.Executor;

/**
 * The bridge's completion threads (see {@link BridgeExecutors#completions()}): an
 * executor that can also hand a task over only when it starts at once, not queued
 * behind other tasks: for work that the caller would otherwise do itself (read for it,
 * copy half of a large segment).
 */
public interface CompletionThreads extends Executor {

	/**
	 * Hands {@code task} to a thread that waits for one, or to the first thread when there
	 * is none yet; returns {@code false}, and runs nothing, when every thread is busy (or
	 * the bridge has closed).
	 */
	boolean executeIfIdle(Runnable task);

}
