package dev.esem.internal.convert;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.esem.NDArray;

/**
 * The columns of a list of records of one class, by component: a primitive component
 * ({@code double}, {@code float}, {@code long}, {@code int}, {@code boolean}) as an
 * {@link NDArray} of its type, any other as a list of its values.
 */
final class RecordColumns {

	private RecordColumns() {
	}

	static Map<String, Object> of(List<?> rows, Class<?> type) {
		RecordComponent[] components = type.getRecordComponents();
		int n = rows.size();
		int k = components.length;
		// a method handle per component (a primitive read without boxing), and its column
		MethodHandle[] reads = new MethodHandle[k];
		Object[] columns = new Object[k];
		for (int c = 0; c < k; c++) {
			Class<?> kind = components[c].getType();
			boolean primitive = kind == double.class || kind == float.class || kind == long.class || kind == int.class
					|| kind == boolean.class;
			reads[c] = getter(components[c], primitive ? kind : Object.class);
			columns[c] = primitive ? java.lang.reflect.Array.newInstance(kind, n) : new Object[n];
		}
		// one pass over the rows, reading every component of a record while it is in cache
		try {
			for (int i = 0; i < n; i++) {
				Object row = rows.get(i);
				for (int c = 0; c < k; c++) {
					Object column = columns[c];
					if (column instanceof double[] values) {
						values[i] = (double) reads[c].invokeExact(row);
					}
					else if (column instanceof long[] values) {
						values[i] = (long) reads[c].invokeExact(row);
					}
					else if (column instanceof int[] values) {
						values[i] = (int) reads[c].invokeExact(row);
					}
					else if (column instanceof float[] values) {
						values[i] = (float) reads[c].invokeExact(row);
					}
					else if (column instanceof boolean[] values) {
						values[i] = (boolean) reads[c].invokeExact(row);
					}
					else {
						((Object[]) column)[i] = (Object) reads[c].invokeExact(row);
					}
				}
			}
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalArgumentException("Cannot read the components of " + type.getName() + ": " + ex, ex);
		}
		Map<String, Object> named = new LinkedHashMap<>();
		for (int c = 0; c < k; c++) {
			Object column = columns[c];
			named.put(components[c].getName(), (column instanceof Object[] values) ? Arrays.asList(values)
					: (column instanceof double[] values) ? NDArray.of(values)
					: (column instanceof long[] values) ? NDArray.of(values)
					: (column instanceof int[] values) ? NDArray.of(values)
					: (column instanceof float[] values) ? NDArray.of(values) : NDArray.of((boolean[]) column));
		}
		return named;
	}

	/** The accessor of {@code component} as a handle of type {@code (Object) -> as}. */
	private static MethodHandle getter(RecordComponent component, Class<?> as) {
		try {
			// (Object) -> as, its arguments typed for invokeExact
			return MethodHandles.lookup()
				.unreflect(accessible(component.getAccessor()))
				.asType(MethodType.methodType(as, Object.class));
		}
		catch (IllegalAccessException ex) {
			throw new IllegalArgumentException("Cannot read component " + component.getName() + " of "
					+ component.getDeclaringRecord().getName() + ": " + ex.getMessage(), ex);
		}
	}

	/** One record's components by name, in declaration order. */
	static Map<String, Object> fields(Object record) {
		Map<String, Object> fields = new LinkedHashMap<>();
		for (RecordComponent component : record.getClass().getRecordComponents()) {
			try {
				fields.put(component.getName(), accessible(component.getAccessor()).invoke(record));
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalArgumentException("Cannot read component " + component.getName() + " of "
						+ record.getClass().getName() + ": " + ex, ex);
			}
		}
		return fields;
	}

	private static Method accessible(Method accessor) {
		try {
			accessor.setAccessible(true);
		}
		catch (RuntimeException ex) {
			// a record of a module that does not open its package: its public accessor still works
		}
		return accessor;
	}

}
