package dev.esem.internal;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
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
		Map<String, Object> columns = new LinkedHashMap<>();
		for (RecordComponent component : type.getRecordComponents()) {
			Method accessor = accessible(component.getAccessor());
			Class<?> kind = component.getType();
			int n = rows.size();
			try {
				if (kind == double.class) {
					double[] values = new double[n];
					for (int i = 0; i < n; i++) {
						values[i] = (double) accessor.invoke(rows.get(i));
					}
					columns.put(component.getName(), NDArray.of(values));
				}
				else if (kind == float.class) {
					float[] values = new float[n];
					for (int i = 0; i < n; i++) {
						values[i] = (float) accessor.invoke(rows.get(i));
					}
					columns.put(component.getName(), NDArray.of(values));
				}
				else if (kind == long.class) {
					long[] values = new long[n];
					for (int i = 0; i < n; i++) {
						values[i] = (long) accessor.invoke(rows.get(i));
					}
					columns.put(component.getName(), NDArray.of(values));
				}
				else if (kind == int.class) {
					int[] values = new int[n];
					for (int i = 0; i < n; i++) {
						values[i] = (int) accessor.invoke(rows.get(i));
					}
					columns.put(component.getName(), NDArray.of(values));
				}
				else if (kind == boolean.class) {
					boolean[] values = new boolean[n];
					for (int i = 0; i < n; i++) {
						values[i] = (boolean) accessor.invoke(rows.get(i));
					}
					columns.put(component.getName(), NDArray.of(values));
				}
				else {
					List<Object> values = new ArrayList<>(n);
					for (int i = 0; i < n; i++) {
						values.add(accessor.invoke(rows.get(i)));
					}
					columns.put(component.getName(), values);
				}
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalArgumentException("Cannot read component " + component.getName() + " of "
						+ type.getName() + ": " + ex, ex);
			}
		}
		return columns;
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
