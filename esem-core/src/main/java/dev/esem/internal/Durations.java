package dev.esem.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads and checks durations as users write them: {@code 500ms}, {@code 2s}, {@code 1m}, or ISO-8601 ({@code PT2S}). */
public final class Durations {

	private static final Pattern SIMPLE = Pattern.compile("(\\d+)\\s*(ns|us|ms|s|m|h|d)?");

	private Durations() {
	}

	/** Parses {@code text}; a number without a unit is milliseconds. */
	public static Duration parse(String text) {
		String trimmed = text.trim();
		Matcher simple = SIMPLE.matcher(trimmed.toLowerCase(Locale.ROOT));
		if (simple.matches()) {
			long amount = Long.parseLong(simple.group(1));
			String unit = (simple.group(2) != null) ? simple.group(2) : "ms";
			return switch (unit) {
				case "ns" -> Duration.ofNanos(amount);
				case "us" -> Duration.ofNanos(amount * 1000);
				case "ms" -> Duration.ofMillis(amount);
				case "s" -> Duration.ofSeconds(amount);
				case "m" -> Duration.ofMinutes(amount);
				case "h" -> Duration.ofHours(amount);
				default -> Duration.ofDays(amount);
			};
		}
		try {
			return Duration.parse(trimmed);
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException("'" + text + "' is not a duration: write 500ms, 2s, 1m or PT2S", ex);
		}
	}

	/**
	 * {@code duration} as every message and log line shows one, in the form users write
	 * ({@link #parse} reads it back): {@code 2s} for whole seconds, else {@code 1500ms}.
	 */
	public static String format(Duration duration) {
		long millis = duration.toMillis();
		return (millis != 0 && millis % 1000 == 0) ? (millis / 1000) + "s" : millis + "ms";
	}

	/** {@code duration}, if it is positive. */
	public static Duration positive(Duration duration, String name) {
		if (duration == null || duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException(name + " must be positive, not " + duration);
		}
		return duration;
	}

}
