package dev.esem.internal.protocol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.esem.NDArray;

/**
 * What a batch of items crosses as: one {@link NDArray} stacking them along a new first
 * axis when they are arrays of one dtype and shape ({@code NDArray}s or primitive
 * arrays), else the list of the items.
 */
public final class BatchStacks {

	private BatchStacks() {
	}

	/**
	 * The kind of a batch item: items batch together only with items of the same kind.
	 * {@code null} for an item that crosses in a list.
	 */
	public static Object kindOf(Object item) {
		NDArray array = asArray(item);
		return (array != null) ? new ArrayKind(array.dtype(), Arrays.stream(array.shape()).boxed().toList()) : null;
	}

	/** The argument of one Python call with {@code items}, all of the same kind. */
	public static Object batchOf(List<?> items) {
		if (items.isEmpty() || kindOf(items.get(0)) == null) {
			return new ArrayList<>(items);
		}
		NDArray first = asArray(items.get(0));
		int itemBytes = NDArrays.data(first).length;
		byte[] data = new byte[Math.multiplyExact(itemBytes, items.size())];
		for (int i = 0; i < items.size(); i++) {
			System.arraycopy(NDArrays.data(asArray(items.get(i))), 0, data, i * itemBytes, itemBytes);
		}
		int[] shape = new int[first.shape().length + 1];
		shape[0] = items.size();
		System.arraycopy(first.shape(), 0, shape, 1, first.shape().length);
		return NDArrays.wrap(first.dtype(), shape, data);
	}

	private static NDArray asArray(Object item) {
		if (item instanceof NDArray array) {
			return array;
		}
		if (item instanceof double[] values) {
			return NDArray.of(values);
		}
		if (item instanceof float[] values) {
			return NDArray.of(values);
		}
		if (item instanceof long[] values) {
			return NDArray.of(values);
		}
		if (item instanceof int[] values) {
			return NDArray.of(values);
		}
		return (item instanceof boolean[] values) ? NDArray.of(values) : null;
	}

	private record ArrayKind(String dtype, List<Integer> shape) {
	}

}
