package dev.esem.internal.convert;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import dev.esem.NDArray;
import dev.esem.PythonConversionException;
import dev.esem.Table;
import dev.esem.internal.protocol.Json;

/**
 * Rows and columns of a {@link Table}: its columns from Java rows, and its rows as
 * records, POJOs or maps through the same strict conversion as typed results. Records
 * are built from the columns directly (no map per row): a million rows of five numbers
 * take about what their bytes take to cross.
 */
public final class TableRows {

	private TableRows() {
	}

	/** Converts a table to a declared {@code List<R>}; {@code null} when {@code type} is no list. */
	static Object convert(Table table, Type type, ResultConverter converter) {
		if (type instanceof ParameterizedType generic && generic.getRawType() instanceof Class<?> raw
				&& raw.isAssignableFrom(ArrayList.class)) {
			Type element = generic.getActualTypeArguments()[0];
			if (element instanceof Class<?> rowType && rowType.isRecord()) {
				return records(table, rowType, converter);
			}
			List<Map<String, Object>> rows = table.rows();
			if (element == Object.class || element instanceof ParameterizedType map && map.getRawType() == Map.class
					|| element == Map.class) {
				return converter.convert(rows, type);
			}
			List<Object> converted = new ArrayList<>(rows.size());
			for (int i = 0; i < rows.size(); i++) {
				converted.add(at(i, "", rows.get(i), element, converter));
			}
			return converted;
		}
		return null;
	}

	/** {@link Table#rows(Class)}: through the converter that typed results use. */
	@SuppressWarnings("unchecked")
	public static <R> List<R> rows(Table table, Class<R> type) {
		if (type.isRecord()) {
			return (List<R>) records(table, type, Defaults.CONVERTER);
		}
		List<Map<String, Object>> rows = table.rows();
		if (type == Map.class || type == Object.class) {
			return (List<R>) rows;
		}
		List<R> converted = new ArrayList<>(rows.size());
		for (int i = 0; i < rows.size(); i++) {
			converted.add((R) at(i, "", rows.get(i), type, Defaults.CONVERTER));
		}
		return converted;
	}

	/**
	 * Rows as records: one method handle per record makes a row from its index, reading a
	 * primitive column of the component's own type straight from its array (no boxing);
	 * other values go through the converter.
	 */
	private static List<Object> records(Table table, Class<?> type, ResultConverter converter) {
		RecordComponent[] components = type.getRecordComponents();
		Class<?>[] types = new Class<?>[components.length];
		MethodHandle[] getters = new MethodHandle[components.length];
		for (int c = 0; c < components.length; c++) {
			types[c] = components[c].getType();
			String name = components[c].getName();
			if (!table.columns().contains(name)) {
				throw new PythonConversionException("[0]." + name, "Cannot make " + type.getName()
						+ " of a table row: it has no column '" + name + "' (its columns: " + table.columns() + ")");
			}
			getters[c] = getter(table.column(name), components[c], converter);
		}
		MethodHandle row;
		try {
			Constructor<?> constructor = type.getDeclaredConstructor(types);
			constructor.setAccessible(true);
			row = MethodHandles.filterArguments(MethodHandles.lookup().unreflectConstructor(constructor), 0, getters);
			row = MethodHandles.permuteArguments(row, MethodType.methodType(type, int.class),
					new int[components.length]);
			row = row.asType(MethodType.methodType(Object.class, int.class));
		}
		catch (NoSuchMethodException | IllegalAccessException | RuntimeException ex) {
			throw new IllegalStateException("Cannot make " + type.getName() + ": " + ex.getMessage(), ex);
		}
		List<Object> rows = new ArrayList<>(table.rowCount());
		for (int i = 0; i < table.rowCount(); i++) {
			try {
				rows.add((Object) row.invokeExact(i));
			}
			catch (PythonConversionException ex) {
				throw ex;
			}
			catch (Throwable ex) { // the record's constructor refused the values
				throw new PythonConversionException("[" + i + "]",
						"Cannot make row [" + i + "] as " + type.getName() + ": " + ex);
			}
		}
		return rows;
	}

	/** A handle {@code (int) -> component type} reading row {@code i} of a column for a component. */
	private static MethodHandle getter(Object column, RecordComponent component, ResultConverter converter) {
		Class<?> type = component.getType();
		if (column instanceof NDArray array) {
			Object values = switch (array.dtype() + " " + type.getName()) {
				case "float64 double" -> array.toDoubleArray();
				case "float32 float" -> array.toFloatArray();
				case "int64 long" -> array.toLongArray();
				case "int32 int" -> array.toIntArray();
				case "bool boolean" -> array.toBooleanArray();
				default -> null;
			};
			if (values != null) {
				return MethodHandles.arrayElementGetter(values.getClass()).bindTo(values);
			}
		}
		ColumnValues reader = new ColumnValues(reader(column), component, converter);
		return ColumnValues.GET.bindTo(reader).asType(MethodType.methodType(type, int.class));
	}

	/** The values of a column for a component, converted when they are not of its type already. */
	private static final class ColumnValues {

		static final MethodHandle GET;

		static {
			try {
				GET = MethodHandles.lookup().findVirtual(ColumnValues.class, "get",
						MethodType.methodType(Object.class, int.class));
			}
			catch (ReflectiveOperationException ex) {
				throw new ExceptionInInitializerError(ex);
			}
		}

		private final IntFunction<Object> values;

		private final Class<?> type;

		private final Class<?> boxed;

		private final Type genericType;

		private final String member;

		private final ResultConverter converter;

		ColumnValues(IntFunction<Object> values, RecordComponent component, ResultConverter converter) {
			this.values = values;
			this.type = component.getType();
			this.boxed = boxed(this.type);
			this.genericType = component.getGenericType();
			this.member = "." + component.getName();
			this.converter = converter;
		}

		Object get(int i) {
			Object value = this.values.apply(i);
			// a value of the component's type (a Double for a double) needs no conversion
			if (value != null && (this.type.isPrimitive() ? this.boxed.isInstance(value)
					: value.getClass() == this.type)) {
				return value;
			}
			return at(i, this.member, value, this.genericType, this.converter);
		}

	}

	/** One value converted, a failure naming row {@code i} and {@code member}. */
	private static Object at(int i, String member, Object value, Type type, ResultConverter converter) {
		String path = "[" + i + "]" + member;
		try {
			Object converted = converter.convert(value, type);
			if (converted == null && type instanceof Class<?> target && target.isPrimitive()) {
				throw new PythonConversionException("", "Cannot convert a missing value to " + target.getName());
			}
			return converted;
		}
		catch (PythonConversionException ex) {
			String inner = ex.path();
			String full = path + ((inner.isEmpty() || inner.startsWith("[")) ? inner : "." + inner);
			throw new PythonConversionException(full, "At " + full + " of the table's rows: " + ex.getMessage());
		}
		catch (RuntimeException ex) {
			throw new PythonConversionException(path, "Cannot convert " + describe(value) + " at " + path + " to "
					+ type.getTypeName() + ": " + ex.getMessage());
		}
	}

	private static String describe(Object value) {
		return (value == null) ? "null" : value.getClass().getSimpleName() + " " + value;
	}

	private static Class<?> boxed(Class<?> type) {
		if (!type.isPrimitive()) {
			return type;
		}
		return switch (type.getName()) {
			case "double" -> Double.class;
			case "float" -> Float.class;
			case "long" -> Long.class;
			case "int" -> Integer.class;
			case "boolean" -> Boolean.class;
			case "short" -> Short.class;
			case "byte" -> Byte.class;
			default -> Character.class;
		};
	}

	/** Reads the values of a column by row: an NDArray's numbers boxed by dtype. */
	public static IntFunction<Object> reader(Object column) {
		if (column instanceof NDArray array) {
			switch (array.dtype()) {
				case "float64" -> {
					double[] values = array.toDoubleArray();
					return i -> values[i];
				}
				case "float32", "float16" -> {
					float[] values = array.toFloatArray();
					return i -> values[i];
				}
				case "int64", "uint32", "uint64" -> {
					long[] values = array.toLongArray();
					return i -> values[i];
				}
				case "bool" -> {
					boolean[] values = array.toBooleanArray();
					return i -> values[i];
				}
				default -> {
					int[] values = array.toIntArray();
					return i -> values[i];
				}
			}
		}
		List<?> values = (List<?>) column;
		return values::get;
	}

	/**
	 * A collection of numbers or booleans without {@code null} as an {@link NDArray}:
	 * {@code Double} float64, {@code Float} float32, {@code Integer} int32, {@code Long}
	 * (or {@code Long} and {@code Integer}) int64, {@code Boolean} bool; else {@code null}.
	 */
	public static NDArray asArray(Collection<?> values) {
		Class<?> common = null;
		boolean mixedInts = false;
		for (Object value : values) {
			if (value == null) {
				return null;
			}
			Class<?> type = value.getClass();
			if (common == null) {
				common = type;
			}
			else if (type != common) {
				boolean ints = (type == Long.class || type == Integer.class)
						&& (common == Long.class || common == Integer.class);
				if (!ints) {
					return null;
				}
				mixedInts = true;
			}
		}
		if (common == null) {
			return null;
		}
		int i = 0;
		if (common == Double.class) {
			double[] data = new double[values.size()];
			for (Object value : values) {
				data[i++] = (Double) value;
			}
			return NDArray.of(data);
		}
		if (common == Float.class) {
			float[] data = new float[values.size()];
			for (Object value : values) {
				data[i++] = (Float) value;
			}
			return NDArray.of(data);
		}
		if (common == Long.class || mixedInts) {
			long[] data = new long[values.size()];
			for (Object value : values) {
				data[i++] = ((Number) value).longValue();
			}
			return NDArray.of(data);
		}
		if (common == Integer.class) {
			int[] data = new int[values.size()];
			for (Object value : values) {
				data[i++] = (Integer) value;
			}
			return NDArray.of(data);
		}
		if (common == Boolean.class) {
			boolean[] data = new boolean[values.size()];
			for (Object value : values) {
				data[i++] = (Boolean) value;
			}
			return NDArray.of(data);
		}
		return null;
	}

	/** {@link Table#ofRows}: the columns of records, POJOs or maps. */
	public static Map<String, Object> columnsOf(List<?> rows) {
		if (!rows.isEmpty() && rows.get(0) != null && rows.get(0).getClass().isRecord()
				&& sameClass(rows, rows.get(0).getClass())) {
			return RecordColumns.of(rows, rows.get(0).getClass());
		}
		Map<String, List<Object>> columns = new LinkedHashMap<>();
		for (int i = 0; i < rows.size(); i++) {
			Map<?, ?> row = fieldsOf(rows.get(i), i);
			for (Map.Entry<?, ?> entry : row.entrySet()) {
				if (!(entry.getKey() instanceof String name)) {
					throw new IllegalArgumentException("Row " + i + " has the key " + entry.getKey()
							+ ", which is no String: table columns are named by strings");
				}
				List<Object> column = columns.computeIfAbsent(name, key -> new ArrayList<>(rows.size()));
				while (column.size() < i) {
					column.add(null); // rows before this one had no such key
				}
				column.add(entry.getValue());
			}
			for (List<Object> column : columns.values()) {
				if (column.size() == i) {
					column.add(null);
				}
			}
		}
		return new LinkedHashMap<>(columns);
	}

	static boolean sameClass(List<?> rows, Class<?> type) {
		for (Object row : rows) {
			if (row == null || row.getClass() != type) {
				return false;
			}
		}
		return true;
	}

	private static Map<?, ?> fieldsOf(Object row, int i) {
		if (row instanceof Map<?, ?> map) {
			return map;
		}
		if (row == null) {
			throw new IllegalArgumentException("Row " + i + " is null: a table row is a record, a POJO or a Map");
		}
		if (row.getClass().isRecord()) {
			return RecordColumns.fields(row);
		}
		return Defaults.JSON.mapper().convertValue(row, LinkedHashMap.class);
	}

	/** The converter and mapper of tables made without a bridge. */
	private static final class Defaults {

		static final Json JSON = new Json(Integer.MAX_VALUE, 1000);

		static final ResultConverter CONVERTER = new ResultConverter(JSON.mapper());

	}

}
