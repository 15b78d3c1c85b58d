package dev.esem.internal.worker;

/**
 * The thread that reads a worker's replies when no caller does. Blocking on another call
 * from it (a {@code BridgeListener} runs there) would stall every reply of its worker, so
 * {@link Calls#checkMayBlock} refuses.
 */
final class ReaderThread extends Thread {

	ReaderThread(Runnable task, String name) {
		super(task, name);
		setDaemon(true);
	}

}
