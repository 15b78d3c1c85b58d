package dev.esem;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NDArrayTest {

	@Test
	void factoriesTakeTheDtypeOfTheirDataAndOneDimensionWithoutAShape() {
		assertThat(NDArray.of(new double[] { 1, 2 }).dtype()).isEqualTo("float64");
		assertThat(NDArray.of(new float[] { 1, 2 }).dtype()).isEqualTo("float32");
		assertThat(NDArray.of(new long[] { 1, 2 }).dtype()).isEqualTo("int64");
		assertThat(NDArray.of(new int[] { 1, 2 }).dtype()).isEqualTo("int32");
		assertThat(NDArray.of(new boolean[] { true }).dtype()).isEqualTo("bool");
		NDArray plain = NDArray.of(new double[] { 1, 2, 3 });
		assertThat(plain.shape()).containsExactly(3);
		assertThat(plain.size()).isEqualTo(3);
		NDArray empty = NDArray.of(new int[0], 0, 4);
		assertThat(empty.shape()).containsExactly(0, 4);
		assertThat(empty.size()).isZero();
	}

	@Test
	void aShapeMustHoldTheDataExactly() {
		assertThatThrownBy(() -> NDArray.of(new double[] { 1, 2, 3 }, 2, 2))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessage("Shape [2, 2] holds 4 elements, but the data has 3");
		assertThatThrownBy(() -> NDArray.of(new int[] { 1 }, -1, -1)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("Negative dimension");
		assertThatThrownBy(() -> NDArray.of(new long[1], 65536, 65536, 2)).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void itIsACopyBothWays() {
		double[] data = { 1, 2 };
		int[] shape = { 2 };
		NDArray array = NDArray.of(data, shape);
		data[0] = 9;
		shape[0] = 7;
		array.toDoubleArray()[1] = 9;
		array.shape()[0] = 5;
		assertThat(array.toDoubleArray()).containsExactly(1, 2);
		assertThat(array.shape()).containsExactly(2);
	}

	@Test
	void conversionsFollowNumpysAstype() {
		NDArray doubles = NDArray.of(new double[] { -1.7, 0.0, 2.9, 3e9 });
		assertThat(doubles.toLongArray()).containsExactly(-1, 0, 2, 3_000_000_000L);
		assertThat(doubles.toIntArray()).startsWith(-1, 0, 2);
		assertThat(doubles.toFloatArray()).containsExactly(-1.7f, 0f, 2.9f, 3e9f);
		assertThat(doubles.toBooleanArray()).containsExactly(true, false, true, true);
		NDArray longs = NDArray.of(new long[] { 1L << 32 | 5, -1 });
		assertThat(longs.toIntArray()).containsExactly(5, -1); // the low 32 bits
		assertThat(longs.toDoubleArray()).containsExactly(4294967301.0, -1.0);
		NDArray booleans = NDArray.of(new boolean[] { true, false });
		assertThat(booleans.toDoubleArray()).containsExactly(1.0, 0.0);
		assertThat(booleans.toIntArray()).containsExactly(1, 0);
		assertThat(NDArray.of(new int[] { 7, -8 }).toLongArray()).containsExactly(7, -8);
		assertThat(NDArray.of(new float[] { 0.5f }).toDoubleArray()).containsExactly(0.5);
	}

	@Test
	void equalArraysHaveTheSameDtypeShapeAndElements() {
		assertThat(NDArray.of(new int[] { 1, 2, 3, 4 }, 2, 2)).isEqualTo(NDArray.of(new int[] { 1, 2, 3, 4 }, 2, 2))
			.hasSameHashCodeAs(NDArray.of(new int[] { 1, 2, 3, 4 }, 2, 2))
			.isNotEqualTo(NDArray.of(new int[] { 1, 2, 3, 4 }, 4))
			.isNotEqualTo(NDArray.of(new long[] { 1, 2, 3, 4 }, 2, 2))
			.hasToString("NDArray(int32, shape [2, 2])");
	}

}
