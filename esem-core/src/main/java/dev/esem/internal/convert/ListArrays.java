package dev.esem.internal.convert;

import java.util.ArrayList;
import java.util.List;

import dev.esem.NDArray;
import dev.esem.PythonConversionException;

/**
 * Nested lists of numbers or booleans (a Python list, range, buffer...) as the
 * {@link NDArray} a typed method declares: {@code float64} when any number is a
 * {@code Double}, else {@code int64}, or {@code bool}; ragged or non-numeric lists fail.
 */
final class ListArrays {

	private ListArrays() {
	}

	static NDArray of(List<?> list) {
		List<Integer> shape = new ArrayList<>();
		for (Object level = list; level instanceof List<?> nested; level = nested.isEmpty() ? null : nested.get(0)) {
			shape.add(nested.size());
		}
		List<Object> flat = new ArrayList<>();
		flatten(list, 0, shape, flat);
		boolean floats = false;
		boolean bools = !flat.isEmpty();
		for (Object value : flat) {
			if (value instanceof Boolean) {
				continue;
			}
			bools = false;
			if (value instanceof Double || value instanceof Float) {
				floats = true;
			}
			else if (!(value instanceof Integer || value instanceof Long)) {
				throw new PythonConversionException("", "Cannot convert a list holding " + describe(value)
						+ " to an NDArray: its elements must be numbers or booleans");
			}
		}
		int[] dimensions = shape.stream().mapToInt(Integer::intValue).toArray();
		if (bools) {
			boolean[] data = new boolean[flat.size()];
			for (int i = 0; i < data.length; i++) {
				data[i] = (Boolean) flat.get(i);
			}
			return NDArray.of(data, dimensions);
		}
		if (floats) {
			double[] data = new double[flat.size()];
			for (int i = 0; i < data.length; i++) {
				data[i] = number(flat.get(i)).doubleValue();
			}
			return NDArray.of(data, dimensions);
		}
		long[] data = new long[flat.size()];
		for (int i = 0; i < data.length; i++) {
			data[i] = number(flat.get(i)).longValue();
		}
		return NDArray.of(data, dimensions);
	}

	private static Number number(Object value) {
		if (value instanceof Number number) {
			return number;
		}
		throw new PythonConversionException("", "Cannot convert a list mixing booleans and numbers to an NDArray");
	}

	private static void flatten(Object value, int depth, List<Integer> shape, List<Object> flat) {
		if (depth == shape.size()) {
			if (value instanceof List<?>) {
				throw ragged(shape);
			}
			flat.add(value);
			return;
		}
		if (!(value instanceof List<?> list) || list.size() != shape.get(depth)) {
			throw ragged(shape);
		}
		for (Object item : list) {
			flatten(item, depth + 1, shape, flat);
		}
	}

	private static PythonConversionException ragged(List<Integer> shape) {
		return new PythonConversionException("", "Cannot convert a ragged list to an NDArray: its rows differ in "
				+ "length (the first of each level: " + shape + ")");
	}

	private static String describe(Object value) {
		return (value == null) ? "None" : value.getClass().getSimpleName() + " " + value;
	}

}
