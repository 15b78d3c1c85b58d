package dev.esem;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

import dev.esem.internal.json.NDArraySerializer;
import dev.esem.internal.protocol.NDArrays;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * An n-dimensional numeric array in C order (row-major), the Java side of a numpy
 * {@code ndarray}. It crosses to Python as a {@code numpy.ndarray} of the same dtype and
 * shape, and an {@code ndarray} of a bool, int, uint or float dtype comes back as one.
 * Immutable: the factories copy their data, the {@code to...Array} methods return copies.
 * <p>
 * Java has no unsigned or half-precision types, so an array that came from Python may
 * have a dtype that no factory makes ({@code uint8}, {@code int16}, {@code float16}...):
 * read it with a {@code to...Array} method, or send it back to Python as it is. Written
 * by Jackson (in a Spring response body, say), it is its nested lists of numbers, as
 * numpy's {@code tolist()} gives them.
 */
@JsonSerialize(using = NDArraySerializer.class)
public final class NDArray {

	static {
		NDArrays.setAccess(new NDArrays.Access() {
			@Override
			public NDArray wrap(String dtype, int[] shape, byte[] data) {
				return new NDArray(DType.of(dtype), shape.clone(), data);
			}

			@Override
			public byte[] data(NDArray array) {
				return array.data;
			}
		});
	}

	private final DType dtype;

	private final int[] shape;

	private final int size;

	/** The elements, little-endian. */
	private final byte[] data;

	private NDArray(DType dtype, int[] shape, byte[] data) {
		long product = 1;
		for (int dimension : shape) {
			if (dimension < 0) {
				throw new IllegalArgumentException("Negative dimension in shape " + Arrays.toString(shape));
			}
			product = Math.min(product * dimension, Integer.MAX_VALUE + 1L);
		}
		if (product * dtype.width != data.length) {
			throw new IllegalArgumentException("An NDArray of shape " + Arrays.toString(shape) + " and dtype "
					+ dtype.name + " needs " + product * dtype.width + " bytes, not " + data.length);
		}
		this.dtype = dtype;
		this.shape = shape;
		this.size = (int) product;
		this.data = data;
	}

	/** A {@code float64} array; without a shape, one-dimensional. */
	public static NDArray of(double[] data, int... shape) {
		ByteBuffer bytes = allocate(data.length, DType.FLOAT64);
		bytes.asDoubleBuffer().put(data);
		return new NDArray(DType.FLOAT64, shapeOf(data.length, shape), bytes.array());
	}

	/** A {@code float32} array; without a shape, one-dimensional. */
	public static NDArray of(float[] data, int... shape) {
		ByteBuffer bytes = allocate(data.length, DType.FLOAT32);
		bytes.asFloatBuffer().put(data);
		return new NDArray(DType.FLOAT32, shapeOf(data.length, shape), bytes.array());
	}

	/** An {@code int64} array; without a shape, one-dimensional. */
	public static NDArray of(long[] data, int... shape) {
		ByteBuffer bytes = allocate(data.length, DType.INT64);
		bytes.asLongBuffer().put(data);
		return new NDArray(DType.INT64, shapeOf(data.length, shape), bytes.array());
	}

	/** An {@code int32} array; without a shape, one-dimensional. */
	public static NDArray of(int[] data, int... shape) {
		ByteBuffer bytes = allocate(data.length, DType.INT32);
		bytes.asIntBuffer().put(data);
		return new NDArray(DType.INT32, shapeOf(data.length, shape), bytes.array());
	}

	/**
	 * An {@code int8} array of the bytes as they are (-128 to 127); without a shape,
	 * one-dimensional. It crosses at one byte per element.
	 */
	public static NDArray of(byte[] data, int... shape) {
		return new NDArray(DType.INT8, shapeOf(data.length, shape), data.clone());
	}

	/**
	 * A {@code uint8} array of the bytes read as unsigned (0 to 255), as image pixels are;
	 * without a shape, one-dimensional. It crosses at one byte per element.
	 */
	public static NDArray ofUnsigned(byte[] data, int... shape) {
		return new NDArray(DType.UINT8, shapeOf(data.length, shape), data.clone());
	}

	/** A {@code bool} array; without a shape, one-dimensional. */
	public static NDArray of(boolean[] data, int... shape) {
		byte[] bytes = new byte[data.length];
		for (int i = 0; i < data.length; i++) {
			bytes[i] = (byte) (data[i] ? 1 : 0);
		}
		return new NDArray(DType.BOOL, shapeOf(data.length, shape), bytes);
	}

	private static ByteBuffer allocate(int length, DType dtype) {
		if ((long) length * dtype.width > Integer.MAX_VALUE - 8) {
			throw new IllegalArgumentException("An NDArray of " + length + " " + dtype.name + " elements does not fit "
					+ "a Java array of bytes");
		}
		return ByteBuffer.allocate(length * dtype.width).order(ByteOrder.LITTLE_ENDIAN);
	}

	private static int[] shapeOf(int length, int[] shape) {
		if (shape == null || shape.length == 0) {
			return new int[] { length };
		}
		int[] copy = shape.clone();
		long product = 1;
		for (int dimension : copy) {
			if (dimension < 0) {
				throw new IllegalArgumentException("Negative dimension in shape " + Arrays.toString(copy));
			}
			product = Math.min(product * dimension, Integer.MAX_VALUE + 1L);
		}
		if (product != length) {
			throw new IllegalArgumentException("Shape " + Arrays.toString(copy) + " holds " + product
					+ " elements, but the data has " + length);
		}
		return copy;
	}

	/** The length of each dimension (a 0-dimensional numpy array crosses as its scalar). */
	public int[] shape() {
		return this.shape.clone();
	}

	/** numpy's name of the element type: {@code float64}, {@code float32}, {@code int64}, {@code bool}... */
	public String dtype() {
		return this.dtype.name;
	}

	/** The number of elements: the product of the shape. */
	public int size() {
		return this.size;
	}

	/** The elements as {@code double}s, in C order (numpy's {@code astype(float64)}). */
	public double[] toDoubleArray() {
		double[] values = new double[this.size];
		if (this.dtype == DType.FLOAT64) {
			buffer().asDoubleBuffer().get(values);
		}
		else {
			ByteBuffer elements = buffer();
			for (int i = 0; i < values.length; i++) {
				values[i] = doubleAt(elements, i);
			}
		}
		return values;
	}

	/** The elements as {@code float}s, in C order (numpy's {@code astype(float32)}). */
	public float[] toFloatArray() {
		float[] values = new float[this.size];
		if (this.dtype == DType.FLOAT32) {
			buffer().asFloatBuffer().get(values);
		}
		else {
			ByteBuffer elements = buffer();
			for (int i = 0; i < values.length; i++) {
				values[i] = (float) doubleAt(elements, i);
			}
		}
		return values;
	}

	/**
	 * The elements as {@code long}s, in C order (numpy's {@code astype(int64)}: fractions
	 * are cut toward zero; a {@code uint64} over {@code Long.MAX_VALUE} wraps around).
	 */
	public long[] toLongArray() {
		long[] values = new long[this.size];
		if (this.dtype == DType.INT64 || this.dtype == DType.UINT64) {
			buffer().asLongBuffer().get(values);
		}
		else {
			ByteBuffer elements = buffer();
			for (int i = 0; i < values.length; i++) {
				values[i] = longAt(elements, i);
			}
		}
		return values;
	}

	/**
	 * The elements as {@code int}s, in C order (numpy's {@code astype(int32)}: fractions
	 * are cut toward zero; wider integers keep their low 32 bits).
	 */
	public int[] toIntArray() {
		int[] values = new int[this.size];
		if (this.dtype == DType.INT32 || this.dtype == DType.UINT32) {
			buffer().asIntBuffer().get(values);
		}
		else {
			ByteBuffer elements = buffer();
			for (int i = 0; i < values.length; i++) {
				values[i] = this.dtype.isFloat() ? (int) doubleAt(elements, i) : (int) longAt(elements, i);
			}
		}
		return values;
	}

	/**
	 * The elements as {@code byte}s, in C order (numpy's {@code astype(int8)}: fractions are
	 * cut toward zero; wider integers keep their low 8 bits, so a {@code uint8} 255 is -1).
	 */
	public byte[] toByteArray() {
		if (this.dtype == DType.INT8 || this.dtype == DType.UINT8) {
			return this.data.clone();
		}
		byte[] values = new byte[this.size];
		ByteBuffer elements = buffer();
		for (int i = 0; i < values.length; i++) {
			values[i] = (byte) (this.dtype.isFloat() ? (long) doubleAt(elements, i) : longAt(elements, i));
		}
		return values;
	}

	/** The elements as {@code boolean}s, in C order: true for every non-zero element, NaN included. */
	public boolean[] toBooleanArray() {
		boolean[] values = new boolean[this.size];
		ByteBuffer elements = buffer();
		for (int i = 0; i < values.length; i++) {
			values[i] = this.dtype.isFloat() ? doubleAt(elements, i) != 0 : longAt(elements, i) != 0;
		}
		return values;
	}

	private ByteBuffer buffer() {
		return ByteBuffer.wrap(this.data).order(ByteOrder.LITTLE_ENDIAN);
	}

	private double doubleAt(ByteBuffer elements, int i) {
		return switch (this.dtype) {
			case FLOAT64 -> elements.getDouble(i * 8);
			case FLOAT32 -> elements.getFloat(i * 4);
			case FLOAT16 -> halfToFloat(elements.getShort(i * 2));
			case UINT64 -> unsignedToDouble(elements.getLong(i * 8));
			default -> longAt(elements, i);
		};
	}

	private long longAt(ByteBuffer elements, int i) {
		return switch (this.dtype) {
			case BOOL -> (elements.get(i) != 0) ? 1 : 0;
			case INT8 -> elements.get(i);
			case UINT8 -> elements.get(i) & 0xFF;
			case INT16 -> elements.getShort(i * 2);
			case UINT16 -> elements.getShort(i * 2) & 0xFFFF;
			case INT32 -> elements.getInt(i * 4);
			case UINT32 -> elements.getInt(i * 4) & 0xFFFF_FFFFL;
			case INT64, UINT64 -> elements.getLong(i * 8);
			case FLOAT16, FLOAT32, FLOAT64 -> (long) doubleAt(elements, i);
		};
	}

	private static double unsignedToDouble(long value) {
		// halve (keeping the low bit, for rounding), convert, double
		return (value >= 0) ? value : ((double) ((value >>> 1) | (value & 1))) * 2.0;
	}

	/** An IEEE 754 half-precision value (Java 17 has no {@code Float.float16ToFloat}). */
	private static float halfToFloat(short half) {
		int bits = half & 0xFFFF;
		int sign = (bits & 0x8000) << 16;
		int exponent = (bits >>> 10) & 0x1F;
		int mantissa = bits & 0x3FF;
		if (exponent == 0x1F) { // infinity or NaN
			return Float.intBitsToFloat(sign | 0x7F80_0000 | (mantissa << 13));
		}
		if (exponent == 0) { // zero or subnormal
			float value = mantissa * 0x1p-24f;
			return (sign != 0) ? -value : value;
		}
		return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
	}

	/** Two arrays are equal when they have the same dtype, shape and elements. */
	@Override
	public boolean equals(Object other) {
		return other instanceof NDArray array && array.dtype == this.dtype && Arrays.equals(array.shape, this.shape)
				&& Arrays.equals(array.data, this.data);
	}

	@Override
	public int hashCode() {
		return 31 * (31 * this.dtype.hashCode() + Arrays.hashCode(this.shape)) + Arrays.hashCode(this.data);
	}

	@Override
	public String toString() {
		return "NDArray(" + this.dtype.name + ", shape " + Arrays.toString(this.shape) + ")";
	}

	/** The dtypes that cross: numpy's name and the element width in bytes. */
	enum DType {

		BOOL("bool", 1), INT8("int8", 1), INT16("int16", 2), INT32("int32", 4), INT64("int64", 8), UINT8("uint8", 1),
		UINT16("uint16", 2), UINT32("uint32", 4), UINT64("uint64", 8), FLOAT16("float16", 2),
		FLOAT32("float32", 4), FLOAT64("float64", 8);

		final String name;

		final int width;

		DType(String name, int width) {
			this.name = name;
			this.width = width;
		}

		boolean isFloat() {
			return this == FLOAT16 || this == FLOAT32 || this == FLOAT64;
		}

		static DType of(String name) {
			for (DType dtype : values()) {
				if (dtype.name.equals(name)) {
					return dtype;
				}
			}
			throw new IllegalArgumentException("Unknown NDArray dtype '" + name + "'");
		}

	}

}
