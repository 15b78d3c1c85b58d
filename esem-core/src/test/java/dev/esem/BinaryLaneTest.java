package dev.esem;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bulk values on the binary lane, both ways, against a real worker; the frame limit counts them. */
class BinaryLaneTest {

	static final int LIMIT = 4 << 20;

	static PythonBridge python;

	static PyModule tools;

	@BeforeAll
	static void start() {
		python = TestBridges.builder().maxFrameBytes(LIMIT).build();
		tools = python.module("tools.py");
	}

	@AfterAll
	static void stop() {
		python.close();
	}

	@Test
	void bytesCrossBothWays() {
		byte[] data = new byte[3 << 20];
		new Random(1).nextBytes(data);
		assertThat((byte[]) tools.call("echo", data)).isEqualTo(data);
		assertThat(tools.call("byte_size", (Object) data)).isEqualTo(List.of("bytes", 3 << 20));
		assertThat((byte[]) tools.call("echo", new byte[0])).isEmpty();
		List<?> several = (List<?>) tools.call("echo", List.of(new byte[] { 1 }, "x", new byte[] { 2, 3 }));
		assertThat((byte[]) several.get(0)).containsExactly(1);
		assertThat((byte[]) several.get(2)).containsExactly(2, 3);
	}

	@Test
	void arraysCrossBothWays() {
		double[] values = new double[400_000];
		for (int i = 0; i < values.length; i++) {
			values[i] = Math.sqrt(i);
		}
		NDArray array = NDArray.of(values, 400, 1000);
		assertThat(tools.call("echo", array)).isEqualTo(array);
	}

	@Test
	void longStringsCrossBothWaysWhateverTheirCharacters() {
		String ascii = "x".repeat(1 << 20);
		String mixed = "naïve ☃ 🐍 中文 ".repeat(20_000); // surrogate pairs are fine in UTF-8
		String lone = "\ud800 lone ".repeat(5_000); // lone surrogates: JSON text instead
		for (String text : List.of(ascii, mixed, lone)) {
			assertThat(tools.call("echo", text)).isEqualTo(text);
			assertThat(tools.call("echo", List.of(text))).isEqualTo(List.of(text));
		}
		assertThat(tools.call("big_string", 100_000)).isEqualTo("x".repeat(100_000));
	}

	@Test
	void primitiveArraysArriveAsListsOfNumbers() {
		assertThat(tools.call("echo", new double[] { 1.5, -2.25 })).isEqualTo(List.of(1.5, -2.25));
		assertThat(tools.call("echo", new float[] { 0.5f })).isEqualTo(List.of(0.5));
		assertThat(tools.call("echo", new long[] { Long.MIN_VALUE, 7 })).isEqualTo(List.of(Long.MIN_VALUE, 7));
		assertThat(tools.call("echo", new int[] { -1, 2 })).isEqualTo(List.of(-1, 2));
		assertThat(tools.call("echo", new short[] { -3 })).isEqualTo(List.of(-3));
		assertThat(tools.call("element_types", new double[] { 1 })).isEqualTo(List.of("float"));
		assertThat(tools.call("element_types", new int[] { 1 })).isEqualTo(List.of("int"));
		assertThat(tools.call("type_name", new double[0])).isEqualTo("list");
	}

	@Test
	void longListsOfNumbersComeBackAsListsOfTheirJavaValues() {
		List<?> floats = (List<?>) tools.call("numbers", "float", 5000);
		assertThat(floats).hasSize(5000).allMatch(Double.class::isInstance);
		assertThat(floats.get(4999)).isEqualTo(4999 * 0.25);
		List<?> ints = (List<?>) tools.call("numbers", "int", 5000);
		assertThat(ints).hasSize(5000).allMatch(Integer.class::isInstance);
		assertThat(ints.get(0)).isEqualTo(-2500);
		List<?> big = (List<?>) tools.call("numbers", "big", 5000);
		assertThat(big).allMatch(Long.class::isInstance);
		assertThat(tools.call("list_of", 2.0, 5000)).isEqualTo(java.util.Collections.nCopies(5000, 2.0));
		assertThat((List<?>) tools.call("list_of", Double.NaN, 2000)).allMatch(value -> ((Double) value).isNaN());
	}

	@Test
	void theFrameLimitCountsSegmentsBothWays() {
		assertThatThrownBy(() -> tools.call("echo", (Object) new byte[LIMIT])).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("over the max frame size");
		assertThatThrownBy(() -> tools.call("echo", NDArray.of(new long[LIMIT / 8])))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("over the max frame size");
		assertThatThrownBy(() -> tools.call("big_string", LIMIT)).isInstanceOf(PythonFrameTooLargeException.class)
			.hasMessageContaining("exceeds the max frame size");
		assertThat(tools.call("add", 1, 2)).isEqualTo(3);
	}

}
