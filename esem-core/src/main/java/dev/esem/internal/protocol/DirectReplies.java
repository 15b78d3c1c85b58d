package dev.esem.internal.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the most common replies by hand, as the worker writes them (no spaces, ASCII
 * only): a scalar value, {@code {"id":7,"ok":42}}, an object ref,
 * {@code {"id":7,"ok":{"$t":"ref","v":"py_obj_1_x","cls":"C","module":"m","methods":["f"]}}},
 * or an array in the frame's one segment (a model's result),
 * {@code {"id":7,"$b":[16],"ok":{"$t":"nd","v":0,"dtype":"float32","shape":[1,4]}}}.
 * Setting up a Jackson parser costs more than reading them. Other frames, these with
 * escapes in their strings, and arrays that do not read as an {@code NDArray} are left
 * to Jackson ({@link #NOT_DIRECT}), which says what is wrong with them.
 */
public final class DirectReplies {

	/** What {@link #okValue} returns for a frame that it leaves to Jackson. */
	public static final Object NOT_DIRECT = new Object();

	/** Longest integer read here: 18 digits always fit a long. */
	private static final int MAX_DIGITS = 18;

	/** Longest array dimension read here: an {@code int} has 10 digits. */
	private static final int MAX_DIMENSION_DIGITS = 10;

	private DirectReplies() {
	}

	/**
	 * The value of an {@code ok} reply with a scalar or a ref (made into a handle by
	 * {@code refs}), or {@link #NOT_DIRECT}.
	 */
	public static Object okValue(byte[] bytes, int offset, int length, ValueDecoder.RefReader refs) {
		int end = offset + length;
		int at = FrameHeader.idEnd(bytes, offset, length);
		if (at < 0 || !FrameHeader.startsWith(bytes, at, end, Wire.OK_MEMBER) || bytes[end - 1] != '}') {
			return NOT_DIRECT;
		}
		at += Wire.OK_MEMBER.length;
		if (FrameHeader.startsWith(bytes, at, end, Wire.REF_START)) {
			return ref(bytes, at + Wire.REF_START.length, end - 1, refs);
		}
		return scalar(bytes, at, end - 1);
	}

	/**
	 * The {@code NDArray} of an {@code ok} reply that is one array over the frame's one
	 * segment (on the pipe, or in shared memory: its length negated), or {@link #NOT_DIRECT}.
	 */
	public static Object okArray(byte[] bytes, int offset, int length, byte[][] segments) {
		int end = offset + length;
		int at = FrameHeader.idEnd(bytes, offset, length);
		if (at < 0 || segments.length != 1 || bytes[end - 1] != '}'
				|| !FrameHeader.startsWith(bytes, at, end, Wire.SEGMENTS_START)) {
			return NOT_DIRECT;
		}
		at += Wire.SEGMENTS_START.length;
		if (at < end && bytes[at] == '-') { // a segment in shared memory: read into an array already
			at++;
		}
		int lengthStart = at;
		at = FrameHeader.digits(bytes, at, end);
		if (at == lengthStart) {
			return NOT_DIRECT;
		}
		if (at >= end || bytes[at] != ']' || !FrameHeader.startsWith(bytes, at + 1, end, Wire.OK_MEMBER)
				|| !FrameHeader.startsWith(bytes, at + 1 + Wire.OK_MEMBER.length, end, Wire.ARRAY_START)) {
			return NOT_DIRECT;
		}
		int[] next = { at + 1 + Wire.OK_MEMBER.length + Wire.ARRAY_START.length };
		String dtype = plainString(bytes, next, end);
		if (dtype == null || !skip(bytes, next, end, Wire.SHAPE_MEMBER)) {
			return NOT_DIRECT;
		}
		int[] shape = new int[4];
		int rank = 0;
		at = next[0];
		while (at < end && bytes[at] != ']') {
			if (rank > 0 && bytes[at++] != ',') {
				return NOT_DIRECT;
			}
			int digitsEnd = FrameHeader.digits(bytes, at, end);
			if (digitsEnd == at || digitsEnd - at > MAX_DIMENSION_DIGITS) {
				return NOT_DIRECT;
			}
			long dimension = FrameHeader.parseLong(bytes, at, digitsEnd);
			if (dimension > Integer.MAX_VALUE) {
				return NOT_DIRECT;
			}
			if (rank == shape.length) {
				shape = Arrays.copyOf(shape, rank * 2);
			}
			shape[rank++] = (int) dimension;
			at = digitsEnd;
		}
		if (at + 3 != end || bytes[at + 1] != '}' || bytes[at + 2] != '}') { // "]}}" ends the frame
			return NOT_DIRECT;
		}
		try {
			return NDArrays.wrap(dtype, Arrays.copyOf(shape, rank), segments[0]);
		}
		catch (IllegalArgumentException ex) { // an unknown dtype, or data that does not fit the shape
			return NOT_DIRECT;
		}
	}

	/** The members of a ref after {@code "v":}, up to its closing brace at {@code to}. */
	private static Object ref(byte[] bytes, int from, int to, ValueDecoder.RefReader refs) {
		if (bytes[to - 1] != '}') {
			return NOT_DIRECT;
		}
		int[] at = { from };
		String refId = plainString(bytes, at, to);
		String pythonClass = skip(bytes, at, to, Wire.REF_CLASS_MEMBER) ? plainString(bytes, at, to) : null;
		String module = skip(bytes, at, to, Wire.REF_MODULE_MEMBER) ? plainString(bytes, at, to) : null;
		if (refId == null || pythonClass == null || module == null || !skip(bytes, at, to, Wire.REF_METHODS_MEMBER)) {
			return NOT_DIRECT;
		}
		List<String> methods = new ArrayList<>();
		while (bytes[at[0]] != ']') {
			if (!methods.isEmpty() && bytes[at[0]++] != ',') {
				return NOT_DIRECT;
			}
			String method = plainString(bytes, at, to);
			if (method == null) {
				return NOT_DIRECT;
			}
			methods.add(method);
		}
		if (at[0] + 2 != to) { // "]}" must end the ref
			return NOT_DIRECT;
		}
		return refs.adopt(refId, pythonClass, module, methods);
	}

	private static boolean skip(byte[] bytes, int[] at, int end, byte[] expected) {
		if (!FrameHeader.startsWith(bytes, at[0], end, expected)) {
			return false;
		}
		at[0] += expected.length;
		return true;
	}

	/** A string without escapes at {@code at[0]}, which moves past it; else {@code null}. */
	private static String plainString(byte[] bytes, int[] at, int end) {
		int from = at[0];
		if (from >= end || bytes[from] != '"') {
			return null;
		}
		for (int i = from + 1; i < end; i++) {
			byte b = bytes[i];
			if (b == '"') {
				at[0] = i + 1;
				return new String(bytes, from + 1, i - from - 1, StandardCharsets.ISO_8859_1);
			}
			if (b < 0x20 || b == '\\' || b > 0x7E) {
				return null;
			}
		}
		return null;
	}

	private static Object scalar(byte[] bytes, int from, int to) {
		if (from >= to) {
			return NOT_DIRECT;
		}
		byte first = bytes[from];
		if (first == '"') {
			return string(bytes, from, to);
		}
		if (first == 'n' || first == 't' || first == 'f' || first == 'N' || first == 'I'
				|| (first == '-' && to - from > 1 && bytes[from + 1] == 'I')) {
			return literal(bytes, from, to);
		}
		int digitsFrom = (first == '-') ? from + 1 : from;
		int digitsTo = FrameHeader.digits(bytes, digitsFrom, to);
		if (digitsTo == to && digitsTo > digitsFrom && digitsTo - digitsFrom <= MAX_DIGITS) {
			long value = FrameHeader.parseLong(bytes, digitsFrom, digitsTo);
			value = (first == '-') ? -value : value;
			return (value == (int) value) ? (Object) (int) value : (Object) value;
		}
		return decimal(bytes, from, to);
	}

	/** A string without escapes: printable ASCII between the quotes. */
	private static Object string(byte[] bytes, int from, int to) {
		int[] at = { from };
		String text = plainString(bytes, at, to);
		return (text != null && at[0] == to) ? text : NOT_DIRECT;
	}

	private static Object literal(byte[] bytes, int from, int to) {
		String text = new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
		return switch (text) {
			case "null" -> null;
			case "true" -> Boolean.TRUE;
			case "false" -> Boolean.FALSE;
			case "NaN" -> Double.NaN;
			case "Infinity" -> Double.POSITIVE_INFINITY;
			case "-Infinity" -> Double.NEGATIVE_INFINITY;
			default -> NOT_DIRECT;
		};
	}

	/** A number with a fraction or an exponent (or an integer too long for here). */
	private static Object decimal(byte[] bytes, int from, int to) {
		boolean fraction = false;
		for (int i = from; i < to; i++) {
			byte b = bytes[i];
			if (b == '.' || b == 'e' || b == 'E') {
				fraction = true;
			}
			else if ((b < '0' || b > '9') && b != '-' && b != '+') {
				return NOT_DIRECT;
			}
		}
		if (!fraction) {
			return NOT_DIRECT; // a big integer: Jackson makes it a BigInteger
		}
		try {
			return Double.parseDouble(new String(bytes, from, to - from, StandardCharsets.ISO_8859_1));
		}
		catch (NumberFormatException ex) {
			return NOT_DIRECT;
		}
	}

}
