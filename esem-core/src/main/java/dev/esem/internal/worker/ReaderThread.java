package dev.esem.internal.worker;

/**
 * The thread that reads a worker's replies when no caller does, and completes their
 * futures. Blocking on another call from it would stall every reply of its worker, so
 * {@link Calls#await} refuses.
 */
final class ReaderThread extends Thread {

	ReaderThread(Runnable task, String name) {
		super(task, name);
		setDaemon(true);
	}

}
