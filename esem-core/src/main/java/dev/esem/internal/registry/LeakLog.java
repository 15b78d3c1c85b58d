package dev.esem.internal.registry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides which leaks get a log line, so that a flood of leaks does not flood the log.
 * The first leak of each kind (a Python class, or a creation site when those are
 * tracked) gets a line of its own; later ones of that kind are counted and summarised
 * in one line at most once per interval. Time is a parameter, so that this is testable
 * without waiting; the caller runs {@link #flush} when {@link #leaked} asks it to.
 *
 * @param <K> the kind of a leak
 */
final class LeakLog<K> {

	private final Duration interval;

	private final Map<K, Kind> kinds = new HashMap<>();

	/** When the flush that the caller was asked for is due; {@code null} when none is. */
	private Instant flushDue;

	LeakLog(Duration interval) {
		this.interval = interval;
	}

	/** Notes a leak of {@code kind} at {@code now}; the answer says what to log and when. */
	synchronized Noted leaked(K kind, Instant now) {
		Kind known = this.kinds.get(kind);
		if (known == null) {
			this.kinds.put(kind, new Kind(now));
			return new Noted(true, null);
		}
		known.unlogged++;
		if (this.flushDue != null) {
			return new Noted(false, null);
		}
		Instant due = known.lastLine.plus(this.interval);
		this.flushDue = due.isAfter(now) ? due : now;
		return new Noted(false, this.flushDue);
	}

	/**
	 * The summaries due at {@code now}: one per kind with unlogged leaks whose last line
	 * is at least an interval old. The answer's {@code flushAt} asks for another flush
	 * when leaks of other kinds wait for their interval.
	 */
	synchronized Flush<K> flush(Instant now) {
		List<Summary<K>> due = new ArrayList<>();
		Instant next = null;
		for (Map.Entry<K, Kind> each : this.kinds.entrySet()) {
			Kind kind = each.getValue();
			if (kind.unlogged == 0) {
				continue;
			}
			Instant dueAt = kind.lastLine.plus(this.interval);
			if (dueAt.isAfter(now)) {
				next = (next == null || dueAt.isBefore(next)) ? dueAt : next;
			}
			else {
				due.add(new Summary<>(each.getKey(), kind.unlogged, kind.lastLine));
				kind.unlogged = 0;
				kind.lastLine = now;
			}
		}
		this.flushDue = next;
		return new Flush<>(due, next);
	}

	/**
	 * @param inFull whether this leak gets a line of its own (the first of its kind)
	 * @param flushAt when the caller must run {@link #flush}; {@code null} when it need not
	 */
	record Noted(boolean inFull, Instant flushAt) {
	}

	/**
	 * @param summaries the lines to log now
	 * @param flushAt when the caller must run {@link #flush} again; {@code null} when it need not
	 */
	record Flush<K>(List<Summary<K>> summaries, Instant flushAt) {
	}

	/** {@code count} leaks of {@code kind} since {@code since}, when its last line was logged. */
	record Summary<K>(K kind, long count, Instant since) {
	}

	private static final class Kind {

		Instant lastLine;

		long unlogged;

		Kind(Instant lastLine) {
			this.lastLine = lastLine;
		}

	}

}
