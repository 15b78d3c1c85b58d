package dev.esem.internal.registry;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.ref.Cleaner;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import dev.esem.internal.Durations;
import dev.esem.monitor.LeakReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds Python object handles that became unreachable without {@code release()}: a
 * {@link Cleaner} action, which holds only the {@link ObjectState}, releases the object
 * in Python, counts it and reports it to the listener. Every leak is counted, but the
 * log gets the first leak of each Python class (of each creation site, when those are
 * tracked) in full and the later ones in a summary at most once per interval.
 */
public final class LeakTracker {

	/** How often, at most, the leaks of one kind are summarised in the log. */
	public static final Duration DEFAULT_SUMMARY_INTERVAL = Duration.ofMinutes(1);

	private static final Logger logger = LoggerFactory.getLogger(LeakTracker.class);

	private static final Cleaner CLEANER = Cleaner.create();

	private static final int KEPT_REPORTS = 100;

	private static final String HOW_TO_TRACK = "Set esem.leak-detection.track-creation-site=true "
			+ "(PythonBridge.builder().trackCreationSite(true)) to log where ";

	private final boolean trackCreationSite;

	private final Duration summaryInterval;

	private final Consumer<LeakReport> listener;

	private final AtomicLong count = new AtomicLong();

	private final Deque<LeakReport> recent = new ConcurrentLinkedDeque<>();

	private final LeakLog<Kind> log;

	public LeakTracker(boolean trackCreationSite, Consumer<LeakReport> listener) {
		this(trackCreationSite, DEFAULT_SUMMARY_INTERVAL, listener);
	}

	/**
	 * @param trackCreationSite whether handles carry their creation site, which then
	 * tells leaks apart in the log
	 */
	public LeakTracker(boolean trackCreationSite, Duration summaryInterval, Consumer<LeakReport> listener) {
		this.trackCreationSite = trackCreationSite;
		this.summaryInterval = summaryInterval;
		this.listener = listener;
		this.log = new LeakLog<>(summaryInterval);
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
		Kind kind = new Kind(state.module(), state.pythonClass(), this.trackCreationSite ? site : null,
				this.trackCreationSite ? callerOf(state.creationSite()) : null);
		LeakLog.Noted noted = this.log.leaked(kind, Instant.now());
		if (noted.inFull()) {
			logInFull(report);
		}
		if (noted.flushAt() != null) {
			flushAt(noted.flushAt());
		}
		this.listener.accept(report);
	}

	private void logInFull(LeakReport leak) {
		if (leak.creationSite() != null) {
			logger.warn("Python object {} ({}.{}) was garbage-collected without release(); esem released it. "
					+ "Later leaks of objects created at the same place are counted and logged together, "
					+ "at most every {}. It was created at:\n{}", leak.refId(), leak.module(), leak.pythonClass(),
					every(), leak.creationSite());
		}
		else {
			logger.warn("Python object {} ({}.{}) was garbage-collected without release(); esem released it. "
					+ "Later leaks of this class are counted and logged together, at most every {}. "
					+ HOW_TO_TRACK + "it was created.", leak.refId(), leak.module(), leak.pythonClass(), every());
		}
	}

	private void flushAt(Instant due) {
		long delay = Math.max(0, Duration.between(Instant.now(), due).toNanos());
		// CompletableFuture's own delay and async threads: the tracker keeps no thread
		CompletableFuture.delayedExecutor(delay, TimeUnit.NANOSECONDS).execute(this::flush);
	}

	private void flush() {
		LeakLog.Flush<Kind> flush = this.log.flush(Instant.now());
		for (LeakLog.Summary<Kind> summary : flush.summaries()) {
			Kind kind = summary.kind();
			String more = String.format(Locale.ROOT, "%,d", summary.count());
			String since = summary.since().truncatedTo(ChronoUnit.SECONDS).toString();
			if (kind.caller() != null) {
				logger.warn("{} more Python objects of class {}.{} created at {} were garbage-collected without "
						+ "release() since {}; esem released them.", more, kind.module(), kind.pythonClass(),
						kind.caller(), since);
			}
			else {
				logger.warn("{} more Python objects of class {}.{} were garbage-collected without release() "
						+ "since {}; esem released them. " + HOW_TO_TRACK + "they were created.", more, kind.module(),
						kind.pythonClass(), since);
			}
		}
		if (flush.flushAt() != null) {
			flushAt(flush.flushAt());
		}
	}

	private String every() {
		return Durations.format(this.summaryInterval);
	}

	/** The first frame of the creation site outside esem and the JDK's proxy plumbing. */
	private static String callerOf(Throwable site) {
		if (site == null) {
			return null;
		}
		StackTraceElement[] frames = site.getStackTrace();
		for (StackTraceElement frame : frames) {
			String type = frame.getClassName();
			if (!type.startsWith("dev.esem.internal.") && !type.startsWith("jdk.proxy")
					&& !type.startsWith("com.sun.proxy.") && !type.startsWith("java.lang.reflect.")
					&& !type.startsWith("jdk.internal.reflect.")) {
				return frame.toString();
			}
		}
		return (frames.length > 0) ? frames[0].toString() : "an unknown place";
	}

	/**
	 * What leaks are told apart by in the log.
	 *
	 * @param site the creation stack, when tracked: leaks from the same place are alike
	 * @param caller the frame that names that place in a summary
	 */
	private record Kind(String module, String pythonClass, String site, String caller) {
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
