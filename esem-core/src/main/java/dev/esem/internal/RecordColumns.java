package dev.esem.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
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
		int n = rows.size();
		for (RecordComponent component : type.getRecordComponents()) {
			Class<?> kind = component.getType();
			// a method handle per component: a primitive read without boxing
			MethodHandle read = getter(component, kind.isPrimitive() ? kind : Object.class);
			try {
				if (kind == double.class) {
					double[] values = new double[n];
					for (int i = 0; i < n; i++) {
						values[i] = (double) read.invokeExact(rows.get(i));
					}
					columns.put(component.getName(), NDArray.of(values));
				}
				else if (kind == float.class) {
					float[] values = new float[n];
					for (int i = 0; i < n; i++) {
						values[i] = (float) read.invokeExact(rows.get(i));
					}
					columns.put(component.getName(), NDArray.of(values));
				}
				else if (kind == long.class) {
					long[] values = new long[n];
					for (int i = 0; i < n; i++) {
						values[i] = (long) read.invokeExact(rows.get(i));
					}
					columns.put(component.getName(), NDArray.of(values));
				}
				else if (kind == int.class) {
					int[] values = new int[n];
					for (int i = 0; i < n; i++) {
						values[i] = (int) read.invokeExact(rows.get(i));
					}
					columns.put(component.getName(), NDArray.of(values));
				}
				else if (kind == boolean.class) {
					boolean[] values = new boolean[n];
					for (int i = 0; i < n; i++) {
						values[i] = (boolean) read.invokeExact(rows.get(i));
					}
					columns.put(component.getName(), NDArray.of(values));
				}
				else {
					read = read.asType(MethodType.methodType(Object.class, Object.class));
					List<Object> values = new ArrayList<>(n);
					for (int i = 0; i < n; i++) {
						values.add((Object) read.invokeExact(rows.get(i)));
					}
					columns.put(component.getName(), values);
				}
			}
			catch (RuntimeException | Error ex) {
				throw ex;
			}
			catch (Throwable ex) {
				throw new IllegalArgumentException("Cannot read component " + component.getName() + " of "
						+ type.getName() + ": " + ex, ex);
			}
		}
		return columns;
	}

	/** The accessor of {@code component} as a handle of type {@code (Object) -> as}. */
	private static MethodHandle getter(RecordComponent component, Class<?> as) {
		try {
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
