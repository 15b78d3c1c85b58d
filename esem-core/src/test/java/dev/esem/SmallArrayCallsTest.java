package dev.esem;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Small arrays, a model's input and output, take shorter paths on both sides (written
 * and read by hand, one write each way, a reply text kept per shape in the worker); each
 * call still gets exactly its own values, whatever came before it.
 */
class SmallArrayCallsTest {

	/** numpy dtypes, and how many of their elements make the 4 KiB up to which an array is small. */
	private static final Map<String, Integer> PER_4_KIB = Map.ofEntries(Map.entry("float64", 512),
			Map.entry("float32", 1024), Map.entry("float16", 2048), Map.entry("int64", 512), Map.entry("int32", 1024),
			Map.entry("int16", 2048), Map.entry("int8", 4096), Map.entry("uint64", 512), Map.entry("uint32", 1024),
			Map.entry("uint16", 2048), Map.entry("uint8", 4096), Map.entry("bool", 4096));

	static PythonBridge python;

	static PyModule model;

	@BeforeAll
	static void start() {
		python = TestBridges.builder().build();
		model = python.module("small_arrays.py");
	}

	@AfterAll
	static void stop() {
		python.close();
	}

	@Test
	void eachCallOfAModelGetsItsOwnResult() {
		for (int call = 0; call < 5; call++) {
			float[] input = new float[16];
			for (int i = 0; i < input.length; i++) {
				input[i] = call * 100 + i;
			}
			NDArray out = (NDArray) model.call("head", NDArray.of(input, 1, 16));
			assertThat(out.dtype()).isEqualTo("float32");
			assertThat(out.shape()).containsExactly(1, 4);
			assertThat(out.toFloatArray()).containsExactly(2 * (call * 100), 2 * (call * 100 + 1),
					2 * (call * 100 + 2), 2 * (call * 100 + 3));
		}
	}

	@Test
	void arraysOfEveryDtypeCrossAtTheSmallBoundAndPastIt() {
		PER_4_KIB.forEach((dtype, elements) -> {
			for (int size : new int[] { 1, elements, elements + 1 }) {
				for (int repeat = 0; repeat < 2; repeat++) { // the second reply of a shape takes the kept text
					NDArray made = (NDArray) model.call("made", dtype, List.of(size));
					assertThat(made.dtype()).as(dtype).isEqualTo(dtype);
					assertThat(made.shape()).as(dtype).containsExactly(size);
					double[] values = made.toDoubleArray();
					for (int i = 0; i < size; i++) {
						double expected = dtype.equals("bool") ? Math.min(i % 100, 1) : i % 100;
						assertThat(values[i]).as("%s[%d] of %d", dtype, i, size).isEqualTo(expected);
					}
					assertThat(model.call("echo", made)).as(dtype).isEqualTo(made);
				}
			}
		});
	}

	@Test
	@SuppressWarnings("unchecked")
	void arraysAmongOtherArgumentsArriveWhole() {
		NDArray x = NDArray.of(new double[] { 1, 2, 3, 4 }, 2, 2);
		NDArray weight = NDArray.of(new long[] { 1, 0, -1, 2 }, 2, 2);
		assertThat(model.call("weighted", x, weight, 3)).isEqualTo(NDArray.of(new double[] { 3, 0, -9, 24 }, 2, 2));
		Map<String, Object> seen = (Map<String, Object>) model.call("seen", NDArray.of(new int[] { 5, -6 }, 1, 2));
		assertThat(seen).containsEntry("dtype", "int32")
			.containsEntry("shape", List.of(1, 2))
			.containsEntry("values", List.of(5.0, -6.0))
			.containsEntry("writeable", true);
	}

	@Test
	void aStridedResultCrossesInCOrder() {
		for (int repeat = 0; repeat < 3; repeat++) {
			assertThat(model.call("every_other", 4)).isEqualTo(NDArray.of(new float[] { 0, 2, 4, 6 }));
		}
	}

}
