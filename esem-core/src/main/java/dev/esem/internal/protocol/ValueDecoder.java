package dev.esem.internal.protocol;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.esem.NDArray;
import dev.esem.PyObject;
import dev.esem.PythonConversionException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads protocol JSON into Java values (see docs/type-mapping.md): numbers by size, maps
 * in order, tags into their Java types, refs into Python object handles, and the values
 * of the binary lane from the frame's segments.
 */
public final class ValueDecoder {

	/** The Java type that each tag that can fail to read stands for. */
	private static final Map<String, String> TARGETS = Map.of(Wire.TAG_DECIMAL, "BigDecimal", Wire.TAG_DATE, "LocalDate",
			Wire.TAG_TIME, "LocalTime", Wire.TAG_DATETIME, "LocalDateTime", Wire.TAG_UUID, "UUID", Wire.TAG_NDARRAY, "NDArray");

	private final RefReader refs;

	/** The binary segments of the frame, or {@code null}. */
	private final byte[][] segments;

	/** The handles made so far, released when a value cannot be read. */
	private final List<Object> adopted = new ArrayList<>();

	private ValueDecoder(RefReader refs, byte[][] segments) {
		this.refs = refs;
		this.segments = segments;
	}

	/** Makes the Java handle of a Python object the worker sent. */
	public interface RefReader {

		Object adopt(String refId, String pythonClass, String module, List<String> methods);

		/** The Java function that Python handed back, by its id. */
		default Object javaFunction(String id) {
			throw new IllegalArgumentException("Python returned the Java function " + id + ", which is not held here");
		}

	}

	/**
	 * Reads the value at the parser's current token.
	 * @throws PythonConversionException when a value has no Java form (its handles released)
	 */
	public static Object read(JsonParser in, RefReader refs) {
		return new ValueDecoder(refs, null).readValue(in);
	}

	/**
	 * Reads the value at the parser's current token, in a frame followed by {@code segments}.
	 * @throws PythonConversionException when a value has no Java form (its handles released)
	 */
	public static Object read(JsonParser in, RefReader refs, byte[][] segments) {
		return new ValueDecoder(refs, segments).readValue(in);
	}

	private Object readValue(JsonParser in) {
		try {
			return read(in);
		}
		catch (UnreadableValue ex) {
			for (Object adopted : this.adopted) {
				if (adopted instanceof PyObject handle) {
					handle.release();
				}
			}
			String path = ex.path();
			throw new PythonConversionException(path, "Cannot read the Python value " + ex.value
					+ (path.isEmpty() ? "" : " at " + path) + " as " + ex.target + ": " + ex.reason);
		}
	}

	private Object read(JsonParser in) {
		JsonToken token = in.currentToken();
		switch (token) {
			case VALUE_STRING:
				return in.getString();
			case VALUE_NUMBER_INT:
				return switch (in.getNumberType()) {
					case INT -> in.getIntValue();
					case LONG -> in.getLongValue();
					default -> in.getBigIntegerValue();
				};
			case VALUE_NUMBER_FLOAT:
				return in.getDoubleValue();
			case VALUE_TRUE:
				return Boolean.TRUE;
			case VALUE_FALSE:
				return Boolean.FALSE;
			case VALUE_NULL:
				return null;
			case START_ARRAY:
				return readList(in);
			case START_OBJECT:
				return readObject(in);
			default:
				throw new IllegalStateException("Unexpected JSON token " + token);
		}
	}

	private List<Object> readList(JsonParser in) {
		List<Object> list = new ArrayList<>();
		while (in.nextToken() != JsonToken.END_ARRAY) {
			try {
				list.add(read(in));
			}
			catch (UnreadableValue ex) {
				throw ex.at("[" + list.size() + "]");
			}
		}
		return list;
	}

	private Object readObject(JsonParser in) {
		String name = in.nextName();
		if (Wire.TAG.equals(name)) {
			return readTagged(in);
		}
		Map<String, Object> map = new LinkedHashMap<>();
		while (name != null) {
			in.nextToken();
			try {
				map.put(name, read(in));
			}
			catch (UnreadableValue ex) {
				throw ex.at("." + name);
			}
			name = in.nextName();
		}
		return map;
	}

	private Object readTagged(JsonParser in) {
		String tag = in.nextStringValue();
		expectName(in, Wire.TAG_VALUE);
		in.nextToken();
		Object value;
		try {
			value = readTagValue(in, tag);
		}
		catch (DateTimeException | IllegalArgumentException ex) { // NumberFormatException included
			String text = (in.currentToken() == JsonToken.VALUE_STRING) ? "'" + in.getString() + "'" : "tagged " + tag;
			throw new UnreadableValue(text, TARGETS.getOrDefault(tag, tag), ex.getMessage());
		}
		if (in.currentToken() != JsonToken.END_OBJECT) {
			in.skipChildren();
			while (in.nextToken() != JsonToken.END_OBJECT) {
				in.skipChildren();
			}
		}
		return value;
	}

	private Object readTagValue(JsonParser in, String tag) {
		return switch (tag) {
			case Wire.TAG_BYTES -> segment(in);
			case Wire.TAG_STRING -> new String(segment(in), StandardCharsets.UTF_8);
			case Wire.TAG_NUMBERS -> readNumbers(in);
			case Wire.TAG_DECIMAL -> new BigDecimal(in.getString());
			case Wire.TAG_DATE -> LocalDate.parse(in.getString());
			case Wire.TAG_TIME -> readTime(in.getString());
			case Wire.TAG_DATETIME -> readDateTime(in.getString());
			case Wire.TAG_SET -> readSet(in);
			case Wire.TAG_DICT -> readPairs(in);
			case Wire.TAG_REF -> readRef(in);
			case Wire.TAG_FUNCTION -> this.refs.javaFunction(in.getString());
			case Wire.TAG_UUID -> UUID.fromString(in.getString());
			case Wire.TAG_DURATION -> readDuration(in);
			case Wire.TAG_NDARRAY -> readArray(in);
			case Wire.TAG_TABLE -> TableCodec.table(readList(in), this.segments);
			case Wire.TAG_COLUMN -> readColumn(in);
			case Wire.TAG_FAIL -> throw new UnreadableValue(in.getString(), "any Java type",
					"Java has no complex numbers; declare PyObject for a handle, or send its .real and .imag");
			default -> throw new IllegalStateException("Unknown value tag '" + tag + "'");
		};
	}

	/** A Python set; elements that are distinct in Python but equal in Java (two NaNs) fail. */
	private Set<Object> readSet(JsonParser in) {
		List<Object> items = readList(in);
		Set<Object> set = new LinkedHashSet<>(items);
		if (set.size() != items.size()) {
			throw new UnreadableValue("of type set", "Set", "it holds " + items.size() + " elements that are only "
					+ set.size() + " distinct values in Java (NaN equals NaN there)");
		}
		return set;
	}

	/** The segment that the tag's value names. */
	private byte[] segment(JsonParser in) {
		int index = in.getIntValue();
		if (this.segments == null || index < 0 || index >= this.segments.length) {
			throw new IllegalStateException("A value names binary segment " + index + ", which its frame does not have");
		}
		return this.segments[index];
	}

	/** A list of numbers sent as an array of them: its segment, then its dtype. */
	private List<Object> readNumbers(JsonParser in) {
		ByteBuffer data = ByteBuffer.wrap(segment(in)).order(ByteOrder.LITTLE_ENDIAN);
		expectName(in, Wire.DTYPE);
		String dtype = in.nextStringValue();
		in.nextToken(); // the tag's end
		List<Object> numbers;
		if (dtype.equals("float64")) {
			numbers = new ArrayList<>(data.remaining() / 8);
			while (data.hasRemaining()) {
				numbers.add(data.getDouble());
			}
		}
		else if (dtype.equals("int64")) {
			numbers = new ArrayList<>(data.remaining() / 8);
			while (data.hasRemaining()) {
				long number = data.getLong();
				numbers.add((number == (int) number) ? (Object) (int) number : (Object) number);
			}
		}
		else {
			throw new IllegalStateException("Unknown number list dtype '" + dtype + "'");
		}
		return numbers;
	}

	@SuppressWarnings("unchecked")
	private Object readColumn(JsonParser in) {
		return TableCodec.column((Map<String, Object>) readObject(in), this.segments);
	}

	private Object readRef(JsonParser in) {
		String refId = in.getString();
		String pythonClass = null;
		String module = null;
		List<String> methods = List.of();
		String name;
		while ((name = in.nextName()) != null) {
			in.nextToken();
			switch (name) {
				case Wire.REF_CLASS -> pythonClass = in.getString();
				case Wire.REF_MODULE -> module = in.getString();
				case Wire.REF_METHODS -> methods = readStrings(in);
				default -> in.skipChildren();
			}
		}
		Object handle = this.refs.adopt(refId, pythonClass, module, methods);
		this.adopted.add(handle);
		return handle;
	}

	private static Duration readDuration(JsonParser in) {
		in.nextToken();
		long seconds = in.getLongValue();
		in.nextToken();
		long micros = in.getLongValue();
		in.nextToken(); // the array's end
		return Duration.ofSeconds(seconds, micros * 1000);
	}

	/** The members of an array after {@code "v":}: its data's segment, then its dtype and shape. */
	private NDArray readArray(JsonParser in) {
		byte[] data = segment(in);
		String dtype = null;
		int[] shape = null;
		String name;
		while ((name = in.nextName()) != null) {
			in.nextToken();
			switch (name) {
				case Wire.DTYPE -> dtype = in.getString();
				case Wire.SHAPE -> shape = readInts(in);
				default -> in.skipChildren();
			}
		}
		if (dtype == null || shape == null) {
			throw new IllegalStateException("An array without its dtype or shape");
		}
		return NDArrays.wrap(dtype, shape, data);
	}

	private static int[] readInts(JsonParser in) {
		List<Integer> ints = new ArrayList<>();
		while (in.nextToken() != JsonToken.END_ARRAY) {
			ints.add(in.getIntValue());
		}
		return ints.stream().mapToInt(Integer::intValue).toArray();
	}

	private static List<String> readStrings(JsonParser in) {
		List<String> strings = new ArrayList<>();
		while (in.nextToken() != JsonToken.END_ARRAY) {
			strings.add(in.getString());
		}
		return strings;
	}

	/** A dict with keys that are not all strings; keys distinct in Python but equal in Java (two NaNs) fail. */
	private Map<Object, Object> readPairs(JsonParser in) {
		Map<Object, Object> map = new LinkedHashMap<>();
		while (in.nextToken() != JsonToken.END_ARRAY) {
			in.nextToken();
			Object key = read(in);
			in.nextToken();
			Object value;
			try {
				value = read(in);
			}
			catch (UnreadableValue ex) {
				throw ex.at("[" + key + "]");
			}
			in.nextToken();
			if (map.containsKey(key)) {
				throw new UnreadableValue("of type dict", "Map", "two of its keys are the one key " + key
						+ " in Java (NaN equals NaN there)");
			}
			map.put(key, value);
		}
		return map;
	}

	private static Object readTime(String text) {
		return hasOffset(text, 0) ? OffsetTime.parse(text) : LocalTime.parse(text);
	}

	private static Object readDateTime(String text) {
		return hasOffset(text, text.indexOf('T') + 1) ? OffsetDateTime.parse(text) : LocalDateTime.parse(text);
	}

	private static boolean hasOffset(String text, int timeStart) {
		return text.indexOf('+', timeStart) >= 0 || text.indexOf('-', timeStart) >= 0 || text.endsWith("Z");
	}

	/** A value with no Java form; the path grows as the failure leaves each container. */
	private static final class UnreadableValue extends RuntimeException {

		private final String value;

		private final String target;

		private final String reason;

		private final Deque<String> steps = new ArrayDeque<>();

		UnreadableValue(String value, String target, String reason) {
			super(reason, null, false, false);
			this.value = value;
			this.target = target;
			this.reason = reason;
		}

		UnreadableValue at(String step) {
			this.steps.addFirst(step);
			return this;
		}

		String path() {
			String path = String.join("", this.steps);
			return path.startsWith(".") ? path.substring(1) : path;
		}

	}

	private static void expectName(JsonParser in, String expected) {
		String name = in.nextName();
		if (!expected.equals(name)) {
			throw new IllegalStateException("Expected member '" + expected + "' but found '" + name + "'");
		}
	}

}
