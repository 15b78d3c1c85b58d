package dev.esem.internal.json;

import java.math.BigInteger;

import dev.esem.NDArray;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Writes an {@link NDArray} as JSON the way numpy's {@code tolist()} sees it: nested
 * arrays of numbers (or booleans), one level per dimension. Typed results declared as
 * {@code List<Double>}, {@code double[][]} or a record field of such a type are read from
 * this form.
 */
public final class NDArraySerializer extends StdSerializer<NDArray> {

	public NDArraySerializer() {
		super(NDArray.class);
	}

	@Override
	public void serialize(NDArray array, JsonGenerator out, SerializationContext context) {
		Elements elements = Elements.of(array);
		int[] shape = array.shape();
		int[] at = { 0 };
		write(out, elements, shape, 0, at);
	}

	private static void write(JsonGenerator out, Elements elements, int[] shape, int dimension, int[] at) {
		out.writeStartArray();
		int length = shape[dimension];
		for (int i = 0; i < length; i++) {
			if (dimension == shape.length - 1) {
				elements.write(out, at[0]++);
			}
			else {
				write(out, elements, shape, dimension + 1, at);
			}
		}
		out.writeEndArray();
	}

	/** The elements in their Java form, by dtype. */
	private record Elements(String dtype, double[] doubles, long[] longs, boolean[] booleans) {

		static Elements of(NDArray array) {
			String dtype = array.dtype();
			if (dtype.startsWith("float")) {
				return new Elements(dtype, array.toDoubleArray(), null, null);
			}
			if (dtype.equals("bool")) {
				return new Elements(dtype, null, null, array.toBooleanArray());
			}
			return new Elements(dtype, null, array.toLongArray(), null);
		}

		void write(JsonGenerator out, int i) {
			if (this.doubles != null) {
				if (this.dtype.equals("float64")) {
					out.writeNumber(this.doubles[i]);
				}
				else {
					out.writeNumber((float) this.doubles[i]); // its shortest form, as numpy prints it
				}
			}
			else if (this.booleans != null) {
				out.writeBoolean(this.booleans[i]);
			}
			else if (this.dtype.equals("uint64") && this.longs[i] < 0) {
				out.writeNumber(new BigInteger(Long.toUnsignedString(this.longs[i])));
			}
			else {
				out.writeNumber(this.longs[i]);
			}
		}

	}

}
