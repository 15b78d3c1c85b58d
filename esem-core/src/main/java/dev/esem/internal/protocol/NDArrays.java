package dev.esem.internal.protocol;

import dev.esem.NDArray;

/**
 * The protocol's access to an {@link NDArray}'s bytes, without copying them: the array
 * hands it over when its class is initialised. Its data is little-endian, in C order.
 */
public final class NDArrays {

	/** What {@link NDArray} gives the protocol. */
	public interface Access {

		/** An array over {@code data}, which it keeps (not copied). */
		NDArray wrap(String dtype, int[] shape, byte[] data);

		/** The array's own bytes, not to be modified. */
		byte[] data(NDArray array);

	}

	private static volatile Access access;

	private NDArrays() {
	}

	/** Called once, by {@link NDArray}. */
	public static void setAccess(Access given) {
		access = given;
	}

	static NDArray wrap(String dtype, int[] shape, byte[] data) {
		return access().wrap(dtype, shape, data);
	}

	static byte[] data(NDArray array) {
		return access().data(array);
	}

	private static Access access() {
		Access current = access;
		if (current == null) {
			try {
				// initialising the class sets the access
				Class.forName(NDArray.class.getName(), true, NDArray.class.getClassLoader());
			}
			catch (ClassNotFoundException ex) {
				throw new IllegalStateException(ex);
			}
			current = access;
		}
		return current;
	}

}
