package dev.esem.internal.convert;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import dev.esem.NDArray;
import dev.esem.PythonConversionException;
import dev.esem.internal.protocol.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shortcuts of {@link ResultConverter} for arrays and lists of numbers give exactly
 * what the strict Jackson mapper gives for the same value and type: the same result, or
 * a failure.
 */
class ResultConverterTest {

	private final Json json = new Json(1 << 20, 64);

	private final JsonMapper mapper = this.json.results();

	private final ResultConverter converter = new ResultConverter(this.mapper);

	private final List<Type> targets = List.of(double[].class, float[].class, long[].class, int[].class,
			boolean[].class, byte[].class, double[][].class,
			this.mapper.getTypeFactory().constructCollectionType(List.class, Double.class),
			this.mapper.getTypeFactory().constructCollectionType(List.class, Long.class),
			this.mapper.getTypeFactory().constructCollectionType(List.class, Integer.class),
			this.mapper.getTypeFactory().constructCollectionType(List.class, Boolean.class),
			this.mapper.getTypeFactory().constructCollectionType(List.class, Float.class));

	@Test
	void arraysConvertByTheShortcutsAsJacksonConvertsThem() {
		List<NDArray> arrays = List.of(NDArray.of(new double[] { 0, 1, 2 }), NDArray.of(new double[] { 1, 2.5 }),
				NDArray.of(new double[] { 1, Double.NaN }), NDArray.of(new double[] { 1e10, 1 }),
				NDArray.of(new float[] { 1, 2 }), NDArray.of(new long[] { 1, 2 }),
				NDArray.of(new long[] { 1, 3_000_000_000L }), NDArray.of(new long[] { 1, Long.MAX_VALUE }),
				NDArray.of(new int[] { -1, 2 }), NDArray.of(new boolean[] { true, false }),
				NDArray.of(new byte[] { -1, 2 }), NDArray.ofUnsigned(new byte[] { -1, 2 }),
				NDArray.of(new double[] { 1, 2, 3, 4 }, 2, 2));
		for (NDArray array : arrays) {
			for (Type target : this.targets) {
				assertSameOutcome(array, target);
			}
		}
	}

	@Test
	void listsConvertByTheShortcutsAsJacksonConvertsThem() {
		List<List<Object>> lists = List.of(List.of(1, 2), List.of(1, 2.5), List.of(1.0, 2.0), List.of(1, 3_000_000_000L),
				Arrays.asList(1, null), List.of(1.0, Double.NaN), List.of(true, false), List.of(1, true),
				List.of(1, "2"), new ArrayList<>(List.of(0.5, 1.5)), new ArrayList<>(List.of(1L, 2L)));
		for (List<Object> list : lists) {
			for (Type target : this.targets) {
				assertSameOutcome(list, target);
			}
		}
	}

	private void assertSameOutcome(Object value, Type target) {
		Object shortcut;
		Object jackson;
		try {
			shortcut = this.converter.convert(value, target);
		}
		catch (PythonConversionException ex) {
			shortcut = Failed.INSTANCE;
		}
		try {
			JavaType type = this.mapper.constructType(target);
			jackson = this.mapper.convertValue(value, type);
		}
		catch (JacksonException ex) {
			jackson = Failed.INSTANCE;
		}
		assertThat(Objects.deepEquals(shortcut, jackson))
			.as("%s as %s: shortcut %s, Jackson %s", value, target.getTypeName(), show(shortcut), show(jackson))
			.isTrue();
	}

	private static String show(Object value) {
		return (value instanceof Object[] objects) ? Arrays.deepToString(objects)
				: (value != null && value.getClass().isArray()) ? Arrays.deepToString(new Object[] { value })
						: String.valueOf(value);
	}

	private enum Failed {

		INSTANCE

	}

}
