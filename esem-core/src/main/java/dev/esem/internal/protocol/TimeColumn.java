package dev.esem.internal.protocol;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * A column of numpy {@code datetime64} or {@code timedelta64} values as pandas holds
 * them: int64 counts of a unit (since the epoch, in UTC, for datetimes), shown in a zone
 * when the column has one. Read as {@code LocalDateTime}, {@code OffsetDateTime} (with
 * a zone) or {@code Duration}, {@code null} where a value is missing ({@code NaT}).
 * Immutable; it converts a value when it is read, and goes back to Python as it came.
 */
public final class TimeColumn extends AbstractList<Object> implements RandomAccess {

	final boolean durations;

	final long[] counts;

	final String unit;

	/** The zone the datetimes are shown in, or {@code null}. */
	final String zone;

	private final ZoneId zoneId;

	/** The missing values, or {@code null} when none is. */
	final boolean[] missing;

	private final long perSecond;

	TimeColumn(boolean durations, long[] counts, String unit, String zone, boolean[] missing) {
		this.durations = durations;
		this.counts = counts;
		this.unit = unit;
		this.zone = zone;
		this.zoneId = (zone != null) ? ZoneId.of(zone) : null;
		this.missing = missing;
		this.perSecond = switch (unit) {
			case "s" -> 1L;
			case "ms" -> 1_000L;
			case "us" -> 1_000_000L;
			case "ns" -> 1_000_000_000L;
			default -> throw new IllegalStateException("Unknown time unit '" + unit + "'");
		};
	}

	@Override
	public Object get(int index) {
		if (this.missing != null && this.missing[index]) {
			return null;
		}
		long count = this.counts[index];
		long seconds = Math.floorDiv(count, this.perSecond);
		long nanos = Math.floorMod(count, this.perSecond) * (1_000_000_000L / this.perSecond);
		if (this.durations) {
			return Duration.ofSeconds(seconds, nanos);
		}
		if (this.zoneId != null) {
			return Instant.ofEpochSecond(seconds, nanos).atZone(this.zoneId).toOffsetDateTime();
		}
		return LocalDateTime.ofEpochSecond(seconds, (int) nanos, ZoneOffset.UTC);
	}

	@Override
	public int size() {
		return this.counts.length;
	}

}
