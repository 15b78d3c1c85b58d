package dev.esem.internal.registry;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.ref.Cleaner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import dev.esem.monitor.LeakReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds Python object handles that became unreachable without {@code release()}: a
 * {@link Cleaner} action, which holds only the {@link ObjectState}, releases the object
 * in Python and reports it once.
 */
public final class LeakTracker {

	private static final Logger logger = LoggerFactory.getLogger(LeakTracker.class);

	private static final Cleaner CLEANER = Cleaner.create();

	private static final int KEPT_REPORTS = 100;

	private final boolean trackCreationSite;

	private final Consumer<LeakReport> listener;

	private final AtomicLong count = new AtomicLong();

	private final Deque<LeakReport> recent = new ConcurrentLinkedDeque<>();

	public LeakTracker(boolean trackCreationSite, Consumer<LeakReport> listener) {
		this.trackCreationSite = trackCreationSite;
		this.listener = listener;
	}

	public boolean tracksCreationSite() {
		return this.trackCreationSite;
	}

	/** Watches {@code handle}; returns the cleanable to run on explicit release. */
	public Cleaner.Cleanable track(Object handle, ObjectState state) {
		return CLEANER.register(handle, new LeakAction(state, this));
	}

	public long count() {
		return this.count.get();
	}

	/** The most recent leaks, newest last. */
	public List<LeakReport> recent() {
		return new ArrayList<>(this.recent);
	}

	private void leaked(ObjectState state) {
		String site = null;
		if (state.creationSite() != null) {
			StringWriter text = new StringWriter();
			state.creationSite().printStackTrace(new PrintWriter(text));
			site = text.toString();
		}
		LeakReport report = new LeakReport(state.refId(), state.pythonClass(), state.module(), state.createdAt(),
				Duration.ofNanos(state.ageNanos()), site);
		this.count.incrementAndGet();
		this.recent.addLast(report);
		while (this.recent.size() > KEPT_REPORTS) {
			this.recent.pollFirst();
		}
		if (site != null) {
			logger.warn("Python object {} ({}.{}) was garbage-collected without release(); esem released it. "
					+ "It was created at:\n{}", state.refId(), state.module(), state.pythonClass(), site);
		}
		else {
			logger.warn("Python object {} ({}.{}) was garbage-collected without release(); esem released it. "
					+ "Set esem.leak-detection.track-creation-site=true (PythonBridge.builder()"
					+ ".trackCreationSite(true)) to log where it was created.", state.refId(), state.module(),
					state.pythonClass());
		}
		this.listener.accept(report);
	}

	/** The cleaning action: holds the state, never the handle. */
	private record LeakAction(ObjectState state, LeakTracker tracker) implements Runnable {

		@Override
		public void run() {
			if (this.state.release()) {
				this.tracker.leaked(this.state);
			}
		}

	}

}
