package dev.esem.internal.protocol;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.esem.Kwargs;
import dev.esem.NDArray;
import dev.esem.Table;
import tools.jackson.core.JsonGenerator;

/**
 * Writes Java values as protocol JSON: JSON-native values plain, everything else with a
 * tag. A value that cannot cross fails with {@link IllegalArgumentException} before
 * anything is sent; nothing is turned into a string silently.
 * <p>
 * Bulk values take the binary lane: a {@code byte[]}, an {@link NDArray}'s data, a
 * primitive array of numbers and a long string become binary segments of the frame
 * ({@link #segments()}), named by their tag; one encoder writes one request.
 */
public final class ValueEncoder {

	/** A string at least this long travels as UTF-8 in a segment, unescaped. */
	static final int STRING_LANE = 16 * 1024;

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS");

	private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");

	private static final DateTimeFormatter OFFSET_DATETIME = DateTimeFormatter
		.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx");

	/** Python's {@code timedelta.max}, in whole seconds; its {@code min} is {@code -MAX_DAYS} days. */
	private static final long TIMEDELTA_MAX_SECONDS = 999_999_999L * 86_400 + 86_399;

	private static final long TIMEDELTA_MIN_SECONDS = -999_999_999L * 86_400;

	private final int maxDepth;

	private final BeanFlattener beans;

	private final RefWriter refs;

	private final List<byte[]> segments = new ArrayList<>();

	/**
	 * @param maxDepth deepest nesting allowed
	 * @param beans turns records and POJOs into maps
	 * @param refs turns Python object handles into ref ids, checking where they live
	 */
	ValueEncoder(int maxDepth, BeanFlattener beans, RefWriter refs) {
		this.maxDepth = maxDepth;
		this.beans = beans;
		this.refs = refs;
	}

	/** Resolves a Java handle of a Python object to its ref id. */
	public interface RefWriter {

		/** The ref id of {@code value}, or {@code null} when it is not a Python object handle. */
		String refIdOf(Object value);

		/**
		 * The id under which Python may call {@code value}, or {@code null} when it is not
		 * one of the Java functions that cross.
		 */
		default String functionIdOf(Object value) {
			return null;
		}

	}

	public void write(JsonGenerator out, Object value) {
		if (TableCodec.isRecordRows(value)) { // a long list of records: columns, for a DataFrame parameter
			TableCodec.write(out, Table.ofRows((List<?>) value), Wire.TAG_ROWS, this, 1);
			return;
		}
		write(out, value, 1);
	}

	/** The binary segments of the values written so far, in order. */
	List<byte[]> segments() {
		return this.segments;
	}

	/** Adds a segment; returns its index, which its tag holds. */
	int segment(byte[] data) {
		this.segments.add(data);
		return this.segments.size() - 1;
	}

	void write(JsonGenerator out, Object value, int depth) {
		if (depth > this.maxDepth) {
			throw new IllegalArgumentException(
					"Value nests deeper than the limit of " + this.maxDepth + " levels (esem.limits.max-depth)");
		}
		if (value == null) {
			out.writeNull();
		}
		else if (value instanceof String string) {
			if (string.length() < STRING_LANE || hasLoneSurrogate(string)) {
				out.writeString(string); // JSON escapes a lone surrogate, which UTF-8 cannot hold
			}
			else {
				tagged(out, Wire.TAG_STRING).writeNumber(segment(string.getBytes(StandardCharsets.UTF_8)));
				out.writeEndObject();
			}
		}
		else if (value instanceof Boolean bool) {
			out.writeBoolean(bool);
		}
		else if (value instanceof Integer || value instanceof Long || value instanceof Short
				|| value instanceof Byte) {
			out.writeNumber(((Number) value).longValue());
		}
		else if (value instanceof Double || value instanceof Float) {
			out.writeNumber(((Number) value).doubleValue());
		}
		else if (value instanceof BigInteger big) {
			out.writeNumber(big);
		}
		else if (value instanceof BigDecimal decimal) {
			tagged(out, Wire.TAG_DECIMAL).writeString(decimal.toString());
			out.writeEndObject();
		}
		else if (value instanceof Character character) {
			out.writeString(character.toString());
		}
		else if (value instanceof byte[] bytes) {
			tagged(out, Wire.TAG_BYTES).writeNumber(segment(bytes)); // sent as it is, not copied
			out.writeEndObject();
		}
		else if (value instanceof NDArray array) {
			writeArray(out, array);
		}
		else if (value instanceof Table table) {
			TableCodec.write(out, table, Wire.TAG_TABLE, this, depth);
		}
		else if (value instanceof UUID uuid) {
			tagged(out, Wire.TAG_UUID).writeString(uuid.toString());
			out.writeEndObject();
		}
		else if (value instanceof Duration duration) {
			writeDuration(out, duration);
		}
		else if (value instanceof Map<?, ?> map) {
			writeMap(out, map, depth);
		}
		else if (value instanceof Set<?> set) {
			tagged(out, Wire.TAG_SET).writeStartArray();
			for (Object element : set) {
				write(out, element, depth + 1);
			}
			out.writeEndArray();
			out.writeEndObject();
		}
		else if (value instanceof Collection<?> collection) {
			out.writeStartArray();
			for (Object element : collection) {
				write(out, element, depth + 1);
			}
			out.writeEndArray();
		}
		else if (value.getClass().isArray()) {
			if (!writeNumbers(out, value)) {
				int length = Array.getLength(value);
				out.writeStartArray();
				for (int i = 0; i < length; i++) {
					write(out, Array.get(value, i), depth + 1);
				}
				out.writeEndArray();
			}
		}
		else if (!writeTime(out, value)) {
			writeObject(out, value, depth);
		}
	}

	private void writeArray(JsonGenerator out, NDArray array) {
		tagged(out, Wire.TAG_NDARRAY).writeNumber(segment(NDArrays.data(array)));
		out.writeStringProperty(Wire.DTYPE, array.dtype());
		out.writeName(Wire.SHAPE);
		out.writeArray(array.shape(), 0, array.shape().length);
		out.writeEndObject();
	}

	/**
	 * A primitive array of numbers as its raw little-endian elements in a segment (Python
	 * makes a list of it); returns {@code false} for other arrays.
	 */
	private boolean writeNumbers(JsonGenerator out, Object array) {
		String dtype;
		ByteBuffer data;
		if (array instanceof double[] doubles) {
			dtype = "float64";
			data = littleEndian(doubles.length, 8);
			data.asDoubleBuffer().put(doubles);
		}
		else if (array instanceof float[] floats) {
			dtype = "float32";
			data = littleEndian(floats.length, 4);
			data.asFloatBuffer().put(floats);
		}
		else if (array instanceof long[] longs) {
			dtype = "int64";
			data = littleEndian(longs.length, 8);
			data.asLongBuffer().put(longs);
		}
		else if (array instanceof int[] ints) {
			dtype = "int32";
			data = littleEndian(ints.length, 4);
			data.asIntBuffer().put(ints);
		}
		else if (array instanceof short[] shorts) {
			dtype = "int16";
			data = littleEndian(shorts.length, 2);
			data.asShortBuffer().put(shorts);
		}
		else {
			return false;
		}
		tagged(out, Wire.TAG_NUMBERS).writeNumber(segment(data.array()));
		out.writeStringProperty(Wire.DTYPE, dtype);
		out.writeEndObject();
		return true;
	}

	private static ByteBuffer littleEndian(int length, int width) {
		if ((long) length * width > Integer.MAX_VALUE - 8) {
			throw new IllegalArgumentException("An array of " + length + " numbers is too large to send");
		}
		return ByteBuffer.allocate(length * width).order(ByteOrder.LITTLE_ENDIAN);
	}

	private static boolean hasLoneSurrogate(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isSurrogate(c)) {
				if (!Character.isHighSurrogate(c) || i + 1 == text.length()
						|| !Character.isLowSurrogate(text.charAt(i + 1))) {
					return true;
				}
				i++;
			}
		}
		return false;
	}

	private void writeMap(JsonGenerator out, Map<?, ?> map, int depth) {
		if (hasOnlyPlainKeys(map)) {
			out.writeStartObject();
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				out.writeName((String) entry.getKey());
				write(out, entry.getValue(), depth + 1);
			}
			out.writeEndObject();
			return;
		}
		tagged(out, Wire.TAG_DICT).writeStartArray();
		for (Map.Entry<?, ?> entry : map.entrySet()) {
			out.writeStartArray();
			write(out, entry.getKey(), depth + 2);
			write(out, entry.getValue(), depth + 2);
			out.writeEndArray();
		}
		out.writeEndArray();
		out.writeEndObject();
	}

	private static boolean hasOnlyPlainKeys(Map<?, ?> map) {
		for (Object key : map.keySet()) {
			if (!(key instanceof String) || Wire.TAG.equals(key)) {
				return false;
			}
		}
		return true;
	}

	private static boolean writeTime(JsonGenerator out, Object value) {
		if (value instanceof LocalDate date) {
			tagged(out, Wire.TAG_DATE).writeString(date.toString());
		}
		else if (value instanceof LocalTime time) {
			tagged(out, Wire.TAG_TIME).writeString(TIME.format(time));
		}
		else if (value instanceof LocalDateTime dateTime) {
			tagged(out, Wire.TAG_DATETIME).writeString(DATETIME.format(dateTime));
		}
		else if (value instanceof OffsetDateTime dateTime) {
			tagged(out, Wire.TAG_DATETIME).writeString(OFFSET_DATETIME.format(dateTime));
		}
		else if (value instanceof ZonedDateTime dateTime) {
			tagged(out, Wire.TAG_DATETIME).writeString(OFFSET_DATETIME.format(dateTime.toOffsetDateTime()));
		}
		else if (value instanceof Instant instant) {
			tagged(out, Wire.TAG_DATETIME).writeString(OFFSET_DATETIME.format(instant.atOffset(ZoneOffset.UTC)));
		}

		else {
			return false;
		}
		out.writeEndObject();
		return true;
	}

	/** A {@code timedelta}: whole seconds and microseconds (its resolution: finer digits are cut). */
	private static void writeDuration(JsonGenerator out, Duration duration) {
		long seconds = duration.getSeconds();
		if (seconds > TIMEDELTA_MAX_SECONDS || seconds < TIMEDELTA_MIN_SECONDS) {
			throw new IllegalArgumentException("Cannot pass " + duration + " to Python: a timedelta holds at most "
					+ "999,999,999 days either way");
		}
		tagged(out, Wire.TAG_DURATION).writeStartArray();
		out.writeNumber(seconds);
		out.writeNumber(duration.getNano() / 1000);
		out.writeEndArray();
		out.writeEndObject();
	}

	private void writeObject(JsonGenerator out, Object value, int depth) {
		String refId = this.refs.refIdOf(value);
		// a JDK object that merely implements a functional type (a Thread is a Runnable) is no function
		boolean platform = isPlatformClass(value.getClass()) && !Functions.isLambda(value.getClass());
		String functionId = (refId == null && !platform) ? this.refs.functionIdOf(value) : null;
		if (refId != null) {
			tagged(out, Wire.TAG_REF).writeString(refId);
			out.writeEndObject();
		}
		else if (functionId != null) {
			tagged(out, Wire.TAG_FUNCTION).writeString(functionId);
			out.writeEndObject();
		}
		else if (value instanceof Enum<?> constant) {
			out.writeString(constant.name());
		}
		else if (value instanceof Kwargs) {
			throw new IllegalArgumentException("Kwargs may only be the last argument of a call, not a nested value");
		}
		else if (platform) {
			throw new IllegalArgumentException("Cannot pass a " + value.getClass().getName()
					+ " to Python: esem sends JSON values, collections, maps, arrays, byte[], BigDecimal, "
					+ "java.time values, UUID, NDArray, records, POJOs and Python object handles "
					+ "(see docs/type-mapping.md)");
		}
		else if (Functions.isFunction(value.getClass())) {
			throw Functions.refused(value.getClass());
		}
		else {
			// records and POJOs become dicts of their Jackson properties (lists, when Jackson writes arrays)
			Object flat = this.beans.flatten(value);
			if (flat instanceof Map<?, ?> map) {
				writeMap(out, map, depth);
			}
			else {
				write(out, flat, depth);
			}
		}
	}

	private static boolean isPlatformClass(Class<?> type) {
		String name = type.getName();
		return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
				|| name.startsWith("sun.") || name.startsWith("com.sun.");
	}

	private static JsonGenerator tagged(JsonGenerator out, String tag) {
		out.writeStartObject();
		out.writeName(Wire.TAG);
		out.writeString(tag);
		out.writeName(Wire.TAG_VALUE);
		return out;
	}

}
