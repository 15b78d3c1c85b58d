package dev.esem.internal.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import tools.jackson.core.JsonParser;

/**
 * Reads and writes the header of a frame ({@link Wire} shows its layout): straight from
 * and into bytes where speed counts (the id, the table of binary segments, the room a
 * request body leaves for its header), and from a Jackson parser for the frames that
 * are parsed anyway.
 */
public final class FrameHeader {

	/**
	 * The room a request body leaves in front of itself for the header without segments
	 * or trace: {@code {"id":}, {@code ,"to":}, {@code ,"dl":} and {@code ,} around up to
	 * 20 digits each.
	 */
	static final int ROOM = Wire.ID_START.length + Wire.TIMEOUT_MEMBER.length + Wire.DEADLINE_MEMBER.length + 1
			+ 3 * 20;

	/** Longest id read here: 18 digits always fit a long. */
	private static final int MAX_ID_DIGITS = 18;

	/** Longest segment length read here. */
	private static final int MAX_LENGTH_DIGITS = 12;

	/** What the first member of a parsed frame says. */
	public enum Kind {

		/** A reply: its number is the id of its request. */
		REPLY,

		/** A callback request: its number is the callback's. */
		CALLBACK,

		/** An event: {@link Head#event()} names it. */
		EVENT

	}

	/**
	 * The header of a parsed frame: its kind, its number (or -1 for an event), the
	 * event's name (or {@code null}), and the name of the first member after the header
	 * ({@code null} when there is none), whose value is the parser's next token.
	 */
	public record Head(Kind kind, long number, String event, String next) {
	}

	private FrameHeader() {
	}

	/**
	 * Reads the header of the frame that {@code in} starts: the id, callback number or
	 * event, and skips the table of binary segments (which the frame reader used).
	 */
	public static Head read(JsonParser in) {
		in.nextToken();
		String first = in.nextName();
		in.nextToken();
		if (Wire.EVENT.equals(first)) {
			return new Head(Kind.EVENT, -1, in.getString(), in.nextName());
		}
		Kind kind = Wire.CALLBACK.equals(first) ? Kind.CALLBACK : Kind.REPLY;
		long number = in.getLongValue();
		String next = in.nextName();
		if (Wire.SEGMENTS.equals(next)) {
			in.nextToken();
			in.skipChildren();
			next = in.nextName();
		}
		return new Head(kind, number, null, next);
	}

	/** The id of a frame {@code bytes[offset, offset + length)} that starts with {@code {"id":}, else -1. */
	public static long id(byte[] bytes, int offset, int length) {
		int end = idEnd(bytes, offset, length);
		return (end < 0) ? -1 : parseLong(bytes, offset + Wire.ID_START.length, end);
	}

	/** Where the digits of a frame's {@code {"id":N} end, or -1 when it does not start with a plain id. */
	static int idEnd(byte[] bytes, int offset, int length) {
		int end = offset + length;
		if (!startsWith(bytes, offset, end, Wire.ID_START)) {
			return -1;
		}
		int at = offset + Wire.ID_START.length;
		int digitsEnd = digits(bytes, at, end);
		return (digitsEnd > at && digitsEnd - at <= MAX_ID_DIGITS) ? digitsEnd : -1;
	}

	/**
	 * The lengths of the binary segments announced by the frame {@code bytes[from, to)}
	 * (a request, reply or callback request), or {@code null} when it announces none. A
	 * negative length is a segment in shared memory.
	 */
	public static long[] segmentLengths(byte[] bytes, int from, int to) {
		if (!startsWith(bytes, from, to, Wire.ID_START) && !startsWith(bytes, from, to, Wire.CALLBACK_START)) {
			return null;
		}
		int at = digits(bytes, from + Wire.ID_START.length, to);
		if (!startsWith(bytes, at, to, Wire.SEGMENTS_START)) {
			return null;
		}
		at += Wire.SEGMENTS_START.length;
		long[] lengths = new long[8];
		int count = 0;
		while (at < to && bytes[at] != ']') {
			long length = 0;
			int digits = 0;
			boolean negative = bytes[at] == '-';
			if (negative) {
				at++;
			}
			while (at < to && bytes[at] >= '0' && bytes[at] <= '9' && digits < MAX_LENGTH_DIGITS) {
				length = length * 10 + (bytes[at++] - '0');
				digits++;
			}
			if (digits == 0 || (at < to && bytes[at] != ',' && bytes[at] != ']')) {
				throw new IllegalStateException("A frame from the worker has a bad table of binary segments");
			}
			if (count == lengths.length) {
				lengths = Arrays.copyOf(lengths, count * 2);
			}
			lengths[count++] = negative ? -length : length;
			if (bytes[at] == ',') {
				at++;
			}
		}
		return Arrays.copyOf(lengths, count);
	}

	/**
	 * Writes {@code {"id":<id>,"to":<timeoutMillis>,"dl":<deadline>} (neither
	 * {@code "to"} nor {@code "dl"} when the timeout is 0) into the {@link #ROOM} that
	 * ends before {@code bodyStart}, whose opening brace becomes the comma after it;
	 * returns where the frame now starts.
	 */
	static int writeBefore(byte[] bytes, int bodyStart, long id, long timeoutMillis, long deadline) {
		int at = bodyStart;
		bytes[at] = ',';
		if (timeoutMillis > 0) {
			at = writeDigits(bytes, deadline, at);
			at = writeBytes(bytes, Wire.DEADLINE_MEMBER, at);
			at = writeDigits(bytes, timeoutMillis, at);
			at = writeBytes(bytes, Wire.TIMEOUT_MEMBER, at);
		}
		at = writeDigits(bytes, id, at);
		return writeBytes(bytes, Wire.ID_START, at);
	}

	/**
	 * {@code {"id":N,"$b":[...],"tp":"...","to":T,"dl":D,}, to write before a body without
	 * its opening brace: {@code "$b"} only with segments (the lengths of those in shared
	 * memory negated: {@code shared} says which, {@code null} for none), {@code "tp"} only
	 * with a trace, {@code "to"} and {@code "dl"} only with a timeout.
	 */
	static byte[] head(long id, List<byte[]> segments, boolean[] shared, String traceparent, long timeoutMillis,
			long deadline) {
		StringBuilder head = new StringBuilder("{\"").append(Wire.ID).append("\":").append(id).append(',');
		if (!segments.isEmpty()) {
			head.append('"').append(Wire.SEGMENTS).append("\":[");
			for (int i = 0; i < segments.size(); i++) {
				head.append((i > 0) ? "," : "").append((shared != null && shared[i]) ? "-" : "")
					.append(segments.get(i).length);
			}
			head.append("],");
		}
		if (traceparent != null) {
			head.append('"').append(Wire.TRACEPARENT).append("\":\"").append(traceparent).append("\",");
		}
		if (timeoutMillis > 0) {
			head.append('"').append(Wire.TIMEOUT).append("\":").append(timeoutMillis);
			head.append(",\"").append(Wire.DEADLINE).append("\":").append(deadline).append(',');
		}
		return head.toString().getBytes(StandardCharsets.US_ASCII);
	}

	/** The bytes the table of {@code segments} adds to a frame, {@code "$b":[...],} and the segments themselves. */
	static long segmentsLength(List<byte[]> segments) {
		if (segments.isEmpty()) {
			return 0;
		}
		long length = Wire.SEGMENTS.length() + "\"\":[],".length() + segments.size() - 1;
		for (byte[] segment : segments) {
			length += Integer.toString(segment.length).length() + segment.length;
		}
		return length;
	}

	/** Whether {@code bytes[at, end)} starts with {@code prefix}. */
	static boolean startsWith(byte[] bytes, int at, int end, byte[] prefix) {
		if (end - at < prefix.length) {
			return false;
		}
		for (int i = 0; i < prefix.length; i++) {
			if (bytes[at + i] != prefix[i]) {
				return false;
			}
		}
		return true;
	}

	/** Where the decimal digits from {@code from} end (before {@code to}). */
	static int digits(byte[] bytes, int from, int to) {
		int at = from;
		while (at < to && bytes[at] >= '0' && bytes[at] <= '9') {
			at++;
		}
		return at;
	}

	/** The value of the decimal digits {@code bytes[from, to)}. */
	static long parseLong(byte[] bytes, int from, int to) {
		long value = 0;
		for (int i = from; i < to; i++) {
			value = value * 10 + (bytes[i] - '0');
		}
		return value;
	}

	/** Writes {@code value}'s digits ending before {@code end}; returns where they start. */
	private static int writeDigits(byte[] bytes, long value, int end) {
		int at = end;
		long rest = value;
		do {
			bytes[--at] = (byte) ('0' + (rest % 10));
			rest /= 10;
		}
		while (rest > 0);
		return at;
	}

	/** Writes {@code prefix} ending before {@code end}; returns where it starts. */
	private static int writeBytes(byte[] bytes, byte[] prefix, int end) {
		int at = end - prefix.length;
		System.arraycopy(prefix, 0, bytes, at, prefix.length);
		return at;
	}

}
