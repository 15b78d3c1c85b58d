package dev.esem.internal;

import java.lang.reflect.Array;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.esem.NDArray;
import dev.esem.PyObject;
import dev.esem.PythonConversionException;
import dev.esem.Table;
import dev.esem.internal.json.HandleSerializer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Converts a result to the type a typed interface declares: an {@link NDArray} straight
 * into primitive arrays and lists of numbers, a long list of numbers straight into a
 * primitive array or kept as the list it is, anything else through Jackson. A Python
 * object handle never becomes data: converting one (or a value holding one) to a
 * record, map, POJO or array fails naming its Python class, and releases it.
 * <p>
 * Conversions are strict (see {@code Json#results()}): a value that cannot become the
 * type without loss fails with a {@link PythonConversionException}, and the handles in
 * the result are released. The shortcuts here take only conversions that are exact by
 * construction and leave the rest to Jackson, so they give what Jackson gives.
 */
final class ResultConverter {

	private static final List<Class<?>> BOXED = List.of(Double.class, Float.class, Long.class, Integer.class,
			Boolean.class);

	private final JsonMapper mapper;

	ResultConverter(JsonMapper mapper) {
		this.mapper = mapper;
	}

	Object convert(Object value, Type type) {
		if (type == void.class || type == Void.class) {
			return null;
		}
		if (value == null && type instanceof Class<?> raw && raw.isPrimitive()) {
			throw ConversionErrors.failure("", null, raw.getName(), "a primitive cannot be missing");
		}
		if (value == null || type == Object.class || (type instanceof Class<?> raw && raw.isInstance(value))) {
			return value;
		}
		if (value instanceof PyObject handle) {
			handle.release();
			throw new PythonConversionException("",
					HandleSerializer.message(handle.pythonClass(), type.getTypeName()) + "; it was released");
		}
		if (value instanceof Table table) {
			Object converted = TableRows.convert(table, type, this);
			if (converted != null) {
				return converted;
			}
		}
		if (type == Table.class && value instanceof List<?> rows) {
			return Table.ofRows(rows);
		}
		if (type == NDArray.class && value instanceof List<?> numbers) {
			return ListArrays.of(numbers);
		}
		if (value instanceof NDArray array) {
			Object converted = fromArray(array, type);
			if (converted != null) {
				return converted;
			}
		}
		if (value instanceof List<?> list) {
			Object converted = fromList(list, type);
			if (converted != null) {
				return converted;
			}
		}
		try {
			return this.mapper.convertValue(value, this.mapper.constructType(type));
		}
		catch (JacksonException ex) {
			List<PyObject> handles = handlesIn(value);
			handles.forEach(PyObject::release);
			if (handles.isEmpty()) {
				throw ConversionErrors.of(value, type, ex);
			}
			throw new PythonConversionException("", HandleSerializer.message(handles.get(0).pythonClass(),
					type.getTypeName()) + "; the result held " + handles.size() + " such object(s), all released");
		}
	}

	/** An array as a primitive array of as many dimensions, or a list of boxed numbers; else {@code null}. */
	private static Object fromArray(NDArray array, Type type) {
		if (type instanceof Class<?> target && target.isArray()) {
			int dimensions = 0;
			Class<?> element = target;
			while (element.isArray()) {
				element = element.getComponentType();
				dimensions++;
			}
			if (!element.isPrimitive() || !exact(array.dtype(), element)) {
				return null;
			}
			int[] shape = array.shape();
			if (shape.length != dimensions) {
				throw new PythonConversionException("", "Cannot convert an NDArray of shape " + Arrays.toString(shape)
						+ " to " + target.getTypeName() + ": it has " + shape.length + " dimension(s), not " + dimensions);
			}
			Object flat = flat(array, element);
			return (flat == null) ? null : nest(flat, shape, 0, 0, target);
		}
		if (type instanceof ParameterizedType generic && generic.getRawType() instanceof Class<?> raw
				&& raw.isAssignableFrom(ArrayList.class) && BOXED.contains(generic.getActualTypeArguments()[0])
				&& array.shape().length == 1) {
			Class<?> element = (Class<?>) generic.getActualTypeArguments()[0];
			if (!exact(array.dtype(), primitive(element))) {
				return null;
			}
			Object flat = flat(array, primitive(element));
			List<Object> list = new ArrayList<>(array.size());
			for (int i = 0; i < array.size(); i++) {
				list.add(Array.get(flat, i));
			}
			return list;
		}
		return null;
	}

	/**
	 * A list of numbers that already fits: itself for {@code List<Double>} and the like, a
	 * primitive array for {@code double[]}, {@code long[]}, {@code int[]}; else {@code null}.
	 */
	private static Object fromList(List<?> list, Type type) {
		if (type instanceof ParameterizedType generic && generic.getRawType() instanceof Class<?> raw
				&& raw.isAssignableFrom(ArrayList.class) && list instanceof ArrayList
				&& BOXED.contains(generic.getActualTypeArguments()[0])) {
			Class<?> element = (Class<?>) generic.getActualTypeArguments()[0];
			for (Object item : list) {
				if (!element.isInstance(item)) {
					return null;
				}
			}
			return list;
		}
		if (type == double[].class) {
			double[] values = new double[list.size()];
			for (int i = 0; i < values.length; i++) {
				if (!(list.get(i) instanceof Number number)) {
					return null;
				}
				values[i] = number.doubleValue();
			}
			return values;
		}
		if (type == long[].class) {
			long[] values = new long[list.size()];
			for (int i = 0; i < values.length; i++) {
				Object item = list.get(i);
				if (!(item instanceof Integer) && !(item instanceof Long)) {
					return null;
				}
				values[i] = ((Number) item).longValue();
			}
			return values;
		}
		if (type == int[].class) {
			int[] values = new int[list.size()];
			for (int i = 0; i < values.length; i++) {
				if (!(list.get(i) instanceof Integer item)) {
					return null; // a Long: Jackson says that it does not fit
				}
				values[i] = item;
			}
			return values;
		}
		return null;
	}

	/**
	 * Whether every element of {@code dtype} becomes an {@code element} as Jackson would make
	 * it, without a check: floats only into floating types, bools only into booleans,
	 * integers only into types that hold them all.
	 */
	private static boolean exact(String dtype, Class<?> element) {
		if (element == boolean.class || dtype.equals("bool")) {
			return element == boolean.class && dtype.equals("bool");
		}
		if (element == byte.class) {
			return dtype.equals("int8") || dtype.equals("uint8"); // a uint8 as Java's signed byte, as Jackson reads it
		}
		if (element == double.class || element == float.class) {
			return true;
		}
		if (element == long.class) {
			return dtype.startsWith("int") || dtype.equals("uint8") || dtype.equals("uint16") || dtype.equals("uint32");
		}
		return element == int.class && (dtype.equals("int8") || dtype.equals("int16") || dtype.equals("int32")
				|| dtype.equals("uint8") || dtype.equals("uint16"));
	}

	private static Object flat(NDArray array, Class<?> element) {
		if (element == double.class) {
			return array.toDoubleArray();
		}
		if (element == float.class) {
			return array.toFloatArray();
		}
		if (element == long.class) {
			return array.toLongArray();
		}
		if (element == int.class) {
			return array.toIntArray();
		}
		if (element == boolean.class) {
			return array.toBooleanArray();
		}
		if (element == byte.class) {
			return array.toByteArray();
		}
		return null;
	}

	private static Class<?> primitive(Class<?> boxed) {
		return switch (boxed.getSimpleName()) {
			case "Double" -> double.class;
			case "Float" -> float.class;
			case "Long" -> long.class;
			case "Integer" -> int.class;
			default -> boolean.class;
		};
	}

	/** The rows of {@code flat} from {@code offset}, as an array of {@code type} for dimension {@code dimension}. */
	private static Object nest(Object flat, int[] shape, int dimension, int offset, Class<?> type) {
		if (dimension == shape.length - 1) {
			if (dimension == 0) {
				return flat;
			}
			Object row = Array.newInstance(type.getComponentType(), shape[dimension]);
			System.arraycopy(flat, offset, row, 0, shape[dimension]);
			return row;
		}
		Object rows = Array.newInstance(type.getComponentType(), shape[dimension]);
		int stride = 1;
		for (int d = dimension + 1; d < shape.length; d++) {
			stride *= shape[d];
		}
		for (int i = 0; i < shape[dimension]; i++) {
			Array.set(rows, i, nest(flat, shape, dimension + 1, offset + i * stride, type.getComponentType()));
		}
		return rows;
	}

	/** The handles inside a value: in maps, collections and object arrays, at any depth. */
	private static List<PyObject> handlesIn(Object value) {
		List<PyObject> found = new ArrayList<>();
		collect(value, found, Collections.newSetFromMap(new IdentityHashMap<>()));
		return found;
	}

	private static void collect(Object value, List<PyObject> found, Set<Object> seen) {
		if (value instanceof PyObject handle) {
			found.add(handle);
		}
		else if (value instanceof Map<?, ?> map && seen.add(map)) {
			map.forEach((key, element) -> {
				collect(key, found, seen);
				collect(element, found, seen);
			});
		}
		else if (value instanceof Collection<?> collection && seen.add(collection)) {
			collection.forEach(element -> collect(element, found, seen));
		}
		else if (value instanceof Object[] array && seen.add(array)) {
			for (Object element : array) {
				collect(element, found, seen);
			}
		}
	}

}
