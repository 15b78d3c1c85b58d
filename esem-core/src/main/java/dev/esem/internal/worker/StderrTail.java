package dev.esem.internal.worker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains a worker's stderr on its own thread, so a chatty worker never blocks, logs
 * each line with the worker id, and keeps the last lines for crash reports.
 */
final class StderrTail implements Runnable {

	private static final Logger logger = LoggerFactory.getLogger("dev.esem.worker.stderr");

	private static final int KEPT_LINES = 20;

	private final InputStream stderr;

	private final String workerName;

	private final Deque<String> lastLines = new ArrayDeque<>();

	StderrTail(InputStream stderr, String workerName) {
		this.stderr = stderr;
		this.workerName = workerName;
	}

	@Override
	public void run() {
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(this.stderr, StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				logger.info("[{}] {}", this.workerName, line);
				synchronized (this.lastLines) {
					if (this.lastLines.size() == KEPT_LINES) {
						this.lastLines.removeFirst();
					}
					this.lastLines.addLast(line);
				}
			}
		}
		catch (IOException ex) {
			logger.debug("[{}] stderr closed: {}", this.workerName, ex.toString());
		}
	}

	/** The last lines, joined, or an empty string. */
	String lastLines() {
		synchronized (this.lastLines) {
			return String.join("\n", this.lastLines);
		}
	}

}
