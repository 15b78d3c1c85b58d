package dev.esem.spring.autoconfigure;

import dev.esem.PythonBridge;

import org.springframework.context.SmartLifecycle;

/**
 * Ties the workers of a {@link PythonBridge} to the application context: they start
 * when the context refreshes (unless a Python interface bean started them earlier) and
 * stop after the web server's graceful shutdown, letting in-flight calls finish within
 * {@code esem.shutdown-timeout}.
 */
public class EsemLifecycle implements SmartLifecycle {

	/**
	 * Starts before the web server and stops after it (the web server's graceful
	 * shutdown runs at {@code DEFAULT_PHASE - 1024}, the server itself at
	 * {@code DEFAULT_PHASE - 2048}).
	 */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	private final PythonBridge bridge;

	private volatile boolean running;

	public EsemLifecycle(PythonBridge bridge) {
		this.bridge = bridge;
	}

	@Override
	public void start() {
		this.bridge.start();
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.bridge.close();
	}

	@Override
	public void stop(Runnable callback) {
		this.running = false;
		Thread closer = new Thread(() -> {
			try {
				this.bridge.close();
			}
			finally {
				callback.run();
			}
		}, "esem-shutdown");
		closer.setDaemon(true);
		closer.start();
	}

	/**
	 * Not pauseable: stopping ends the workers and every Python object they hold, and a
	 * closed bridge does not start again. A paused context (such as one that Spring's
	 * test context cache set aside) keeps its workers until it is closed.
	 */
	@Override
	public boolean isPauseable() {
		return false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
