package dev.esem.internal.protocol;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.esem.NDArray;
import dev.esem.Table;
import dev.esem.internal.TableRows;
import tools.jackson.core.JsonGenerator;

/**
 * Tables on the wire, columnar (see docs/protocol.md): a bool/int/uint/float column as
 * its raw little-endian values in one binary segment, strings as one UTF-8 segment and
 * a segment of int64 offsets, datetimes and durations as int64 counts of a unit (and a
 * zone), other values as a JSON list; a missing value is a byte in a mask segment.
 */
final class TableCodec {

	/** A list of at least this many records of one class crosses as columns. */
	static final int ROWS_LANE = 1024;

	private TableCodec() {
	}

	// ---- Python to Java

	/** A table from its decoded column objects. */
	@SuppressWarnings("unchecked")
	static Table table(List<Object> columns, byte[][] segments) {
		Map<String, Object> decoded = new LinkedHashMap<>();
		for (Object column : columns) {
			Map<String, Object> members = (Map<String, Object>) column;
			decoded.put((String) members.get(Wire.NAME), column(members, segments));
		}
		return Table.of(decoded);
	}

	/** One column: an NDArray, a time column, or a list of values. */
	@SuppressWarnings("unchecked")
	static Object column(Map<String, Object> column, byte[][] segments) {
		String kind = (String) column.get(Wire.COLUMN_KIND);
		boolean[] missing = mask(column, segments);
		switch (kind) {
			case Wire.KIND_NDARRAY -> {
				String dtype = (String) column.get(Wire.DTYPE);
				byte[] data = segment(column, Wire.COLUMN_DATA, segments);
				NDArray array = NDArrays.wrap(dtype, new int[] { data.length / width(dtype) }, data);
				return (missing == null) ? array : withMissing(array, missing);
			}
			case Wire.KIND_STRINGS -> {
				return strings(segment(column, Wire.COLUMN_DATA, segments),
						segment(column, Wire.COLUMN_OFFSETS, segments), missing);
			}
			case Wire.KIND_DATETIMES, Wire.KIND_DURATIONS -> {
				ByteBuffer data = ByteBuffer.wrap(segment(column, Wire.COLUMN_DATA, segments)).order(ByteOrder.LITTLE_ENDIAN);
				long[] counts = new long[data.remaining() / 8];
				data.asLongBuffer().get(counts);
				return new TimeColumn(kind.equals(Wire.KIND_DURATIONS), counts, (String) column.get(Wire.COLUMN_UNIT),
						(String) column.get(Wire.COLUMN_ZONE), missing);
			}
			case Wire.KIND_OBJECTS -> {
				return Collections.unmodifiableList((List<Object>) column.get(Wire.COLUMN_VALUES));
			}
			default -> throw new IllegalStateException("Unknown table column kind '" + kind + "'");
		}
	}

	private static int width(String dtype) {
		return switch (dtype) {
			case "bool", "int8", "uint8" -> 1;
			case "int16", "uint16", "float16" -> 2;
			case "int32", "uint32", "float32" -> 4;
			default -> 8;
		};
	}

	private static boolean[] mask(Map<String, Object> column, byte[][] segments) {
		if (!column.containsKey(Wire.COLUMN_MASK)) {
			return null;
		}
		byte[] bytes = segment(column, Wire.COLUMN_MASK, segments);
		boolean[] missing = new boolean[bytes.length];
		for (int i = 0; i < bytes.length; i++) {
			missing[i] = bytes[i] != 0;
		}
		return missing;
	}

	private static byte[] segment(Map<String, Object> column, String member, byte[][] segments) {
		Object index = column.get(member);
		if (!(index instanceof Integer i) || segments == null || i < 0 || i >= segments.length) {
			throw new IllegalStateException("A table column names binary segment " + index
					+ ", which its frame does not have");
		}
		return segments[i];
	}

	/** A numeric column with missing values: its numbers boxed, {@code null} where missing. */
	private static List<Object> withMissing(NDArray array, boolean[] missing) {
		var reader = TableRows.reader(array);
		List<Object> values = new ArrayList<>(missing.length);
		for (int i = 0; i < missing.length; i++) {
			values.add(missing[i] ? null : reader.apply(i));
		}
		return Collections.unmodifiableList(values);
	}

	private static List<Object> strings(byte[] data, byte[] offsetBytes, boolean[] missing) {
		ByteBuffer offsets = ByteBuffer.wrap(offsetBytes).order(ByteOrder.LITTLE_ENDIAN);
		int count = offsetBytes.length / 8 - 1;
		List<Object> strings = new ArrayList<>(Math.max(count, 0));
		long start = offsets.getLong(0);
		for (int i = 0; i < count; i++) {
			long end = offsets.getLong(8 * (i + 1));
			strings.add((missing != null && missing[i]) ? null
					: new String(data, (int) start, (int) (end - start), StandardCharsets.UTF_8));
			start = end;
		}
		return Collections.unmodifiableList(strings);
	}

	// ---- Java to Python

	/** Whether a top-level argument is a list of records to send as columns. */
	static boolean isRecordRows(Object value) {
		if (!(value instanceof List<?> list) || list.size() < ROWS_LANE || list.get(0) == null) {
			return false;
		}
		Class<?> type = list.get(0).getClass();
		return type.isRecord() && type.getAnnotations().length == 0 && plainComponents(type)
				&& sameClass(list, type);
	}

	/** No Jackson annotation renames or hides a component: the columns are the record's JSON fields. */
	private static boolean plainComponents(Class<?> type) {
		for (var component : type.getRecordComponents()) {
			if (component.getAnnotations().length > 0 || component.getAccessor().getAnnotations().length > 0) {
				return false;
			}
		}
		return true;
	}

	private static boolean sameClass(List<?> list, Class<?> type) {
		for (Object row : list) {
			if (row == null || row.getClass() != type) {
				return false;
			}
		}
		return true;
	}

	/** Writes a table: tag {@code table} (a DataFrame in Python) or {@code rows} (records for a parameter). */
	static void write(JsonGenerator out, Table table, String tag, ValueEncoder values, int depth) {
		out.writeStartObject();
		out.writeName(Wire.TAG);
		out.writeString(tag);
		out.writeName(Wire.TAG_VALUE);
		out.writeStartArray();
		for (String name : table.columns()) {
			out.writeStartObject();
			out.writeStringProperty(Wire.NAME, name);
			writeColumn(out, table.column(name), values, depth);
			out.writeEndObject();
		}
		out.writeEndArray();
		out.writeNumberProperty(Wire.ROW_COUNT, table.rowCount());
		out.writeEndObject();
	}

	private static void writeColumn(JsonGenerator out, Object column, ValueEncoder values, int depth) {
		if (column instanceof NDArray array) {
			out.writeStringProperty(Wire.COLUMN_KIND, Wire.KIND_NDARRAY);
			out.writeStringProperty(Wire.DTYPE, array.dtype());
			out.writeNumberProperty(Wire.COLUMN_DATA, values.segment(NDArrays.data(array)));
			return;
		}
		if (column instanceof TimeColumn times) {
			writeTimes(out, times.durations, times.counts, times.unit, times.zone, times.missing, values);
			return;
		}
		List<?> list = (List<?>) column;
		Class<?> kind = commonClass(list);
		if (kind == String.class) {
			writeStrings(out, list, values);
		}
		else if (kind == Long.class || kind == Integer.class || kind == Short.class || kind == Byte.class) {
			long[] numbers = new long[list.size()];
			for (int i = 0; i < numbers.length; i++) {
				numbers[i] = (list.get(i) != null) ? ((Number) list.get(i)).longValue() : 0;
			}
			writeNumbers(out, NDArray.of(numbers), list, values);
		}
		else if (kind == Double.class || kind == Float.class) {
			double[] numbers = new double[list.size()];
			for (int i = 0; i < numbers.length; i++) {
				numbers[i] = (list.get(i) != null) ? ((Number) list.get(i)).doubleValue() : Double.NaN;
			}
			out.writeStringProperty(Wire.COLUMN_KIND, Wire.KIND_NDARRAY);
			out.writeStringProperty(Wire.DTYPE, "float64");
			out.writeNumberProperty(Wire.COLUMN_DATA, values.segment(NDArrays.data(NDArray.of(numbers))));
		}
		else if (kind == Boolean.class) {
			boolean[] flags = new boolean[list.size()];
			for (int i = 0; i < flags.length; i++) {
				flags[i] = Boolean.TRUE.equals(list.get(i));
			}
			writeNumbers(out, NDArray.of(flags), list, values);
		}
		else if (kind == LocalDateTime.class || kind == Instant.class || kind == OffsetDateTime.class
				|| kind == ZonedDateTime.class || kind == Duration.class) {
			writeTimes(out, list, kind, values);
		}
		else {
			out.writeStringProperty(Wire.COLUMN_KIND, Wire.KIND_OBJECTS);
			out.writeName(Wire.COLUMN_VALUES);
			out.writeStartArray();
			for (Object value : list) {
				values.write(out, value, depth + 2);
			}
			out.writeEndArray();
		}
	}

	/** The one class of a list's non-null values, or {@code null} when they differ (or all are null). */
	private static Class<?> commonClass(List<?> list) {
		Class<?> common = null;
		for (Object value : list) {
			if (value == null) {
				continue;
			}
			Class<?> type = value.getClass();
			if (common == null) {
				common = type;
			}
			else if (type != common) {
				boolean ints = isInt(type) && isInt(common);
				boolean floats = (type == Double.class || type == Float.class)
						&& (common == Double.class || common == Float.class);
				if (!ints && !floats) {
					return null;
				}
				common = ints ? Long.class : Double.class;
			}
		}
		return common;
	}

	private static boolean isInt(Class<?> type) {
		return type == Long.class || type == Integer.class || type == Short.class || type == Byte.class;
	}

	private static void writeNumbers(JsonGenerator out, NDArray array, List<?> list, ValueEncoder values) {
		out.writeStringProperty(Wire.COLUMN_KIND, Wire.KIND_NDARRAY);
		out.writeStringProperty(Wire.DTYPE, array.dtype());
		out.writeNumberProperty(Wire.COLUMN_DATA, values.segment(NDArrays.data(array)));
		writeMask(out, list, values);
	}

	private static void writeMask(JsonGenerator out, List<?> list, ValueEncoder values) {
		byte[] mask = null;
		for (int i = 0; i < list.size(); i++) {
			if (list.get(i) == null) {
				if (mask == null) {
					mask = new byte[list.size()];
				}
				mask[i] = 1;
			}
		}
		if (mask != null) {
			out.writeNumberProperty(Wire.COLUMN_MASK, values.segment(mask));
		}
	}

	private static void writeStrings(JsonGenerator out, List<?> list, ValueEncoder values) {
		ByteBuffer offsets = ByteBuffer.allocate(8 * (list.size() + 1)).order(ByteOrder.LITTLE_ENDIAN);
		java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream();
		offsets.putLong(0);
		for (Object value : list) {
			if (value != null) {
				data.writeBytes(((String) value).getBytes(StandardCharsets.UTF_8));
			}
			offsets.putLong(data.size());
		}
		out.writeStringProperty(Wire.COLUMN_KIND, Wire.KIND_STRINGS);
		out.writeNumberProperty(Wire.COLUMN_DATA, values.segment(data.toByteArray()));
		out.writeNumberProperty(Wire.COLUMN_OFFSETS, values.segment(offsets.array()));
		writeMask(out, list, values);
	}

	/** Datetimes (with the zone of the first one, if they have zones) or durations, as int64 nanoseconds. */
	private static void writeTimes(JsonGenerator out, List<?> list, Class<?> kind, ValueEncoder values) {
		long[] counts = new long[list.size()];
		boolean[] missing = new boolean[list.size()];
		String zone = null;
		for (int i = 0; i < counts.length; i++) {
			Object value = list.get(i);
			Instant instant;
			if (value == null) {
				missing[i] = true;
				continue;
			}
			if (value instanceof Duration duration) {
				counts[i] = duration.toNanos();
				continue;
			}
			if (value instanceof LocalDateTime local) {
				instant = local.toInstant(ZoneOffset.UTC);
			}
			else if (value instanceof OffsetDateTime offset) {
				instant = offset.toInstant();
				zone = (zone != null) ? zone : zoneName(offset.getOffset());
			}
			else if (value instanceof ZonedDateTime zoned) {
				instant = zoned.toInstant();
				zone = (zone != null) ? zone : zoned.getZone().getId();
			}
			else {
				instant = (Instant) value;
				zone = "UTC";
			}
			counts[i] = Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
		}
		writeTimes(out, kind == Duration.class, counts, "ns", zone, missing, values);
	}

	private static String zoneName(ZoneOffset offset) {
		return (offset.getTotalSeconds() == 0) ? "UTC" : offset.getId();
	}

	private static void writeTimes(JsonGenerator out, boolean durations, long[] counts, String unit, String zone,
			boolean[] missing, ValueEncoder values) {
		ByteBuffer data = ByteBuffer.allocate(8 * counts.length).order(ByteOrder.LITTLE_ENDIAN);
		data.asLongBuffer().put(counts);
		out.writeStringProperty(Wire.COLUMN_KIND, durations ? Wire.KIND_DURATIONS : Wire.KIND_DATETIMES);
		out.writeStringProperty(Wire.COLUMN_UNIT, unit);
		if (zone != null) {
			out.writeStringProperty(Wire.COLUMN_ZONE, zone);
		}
		out.writeNumberProperty(Wire.COLUMN_DATA, values.segment(data.array()));
		if (missing != null) {
			byte[] mask = new byte[missing.length];
			boolean any = false;
			for (int i = 0; i < mask.length; i++) {
				mask[i] = (byte) (missing[i] ? 1 : 0);
				any |= missing[i];
			}
			if (any) {
				out.writeNumberProperty(Wire.COLUMN_MASK, values.segment(mask));
			}
		}
	}

}
