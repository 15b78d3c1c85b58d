package dev.esem;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.esem.annotation.PythonName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Typed results convert only when nothing is lost; missing values are null; nothing changes on the way. */
@SuppressWarnings("unchecked")
class StrictConversionTest {

	static PythonBridge python;

	static PyModule strict;

	static Values values;

	@BeforeAll
	static void start() {
		python = TestBridges.builder().build();
		strict = python.module("strict_values.py");
		values = strict.bind(Values.class);
	}

	@AfterAll
	static void stop() {
		python.close();
	}

	record Row(int n, String cat, int score) {
	}

	record BoxedRow(Integer n, String cat, Double score) {
	}

	record Timed(LocalDateTime at, String label) {
	}

	enum Level {

		LOW, HIGH

	}

	interface Values {

		@PythonName("value")
		String string(String source);

		@PythonName("value")
		long primitiveLong(String source);

		@PythonName("value")
		Long boxedLong(String source);

		@PythonName("value")
		int primitiveInt(String source);

		@PythonName("value")
		Integer boxedInt(String source);

		@PythonName("value")
		double primitiveDouble(String source);

		@PythonName("value")
		Double boxedDouble(String source);

		@PythonName("value")
		float primitiveFloat(String source);

		@PythonName("value")
		boolean primitiveBoolean(String source);

		@PythonName("value")
		Boolean boxedBoolean(String source);

		@PythonName("value")
		Level level(String source);

		@PythonName("value")
		List<Long> longs(String source);

		@PythonName("value")
		List<Integer> ints(String source);

		@PythonName("value")
		List<Double> doubles(String source);

		@PythonName("value")
		long[] longArray(String source);

		@PythonName("value")
		int[] intArray(String source);

		@PythonName("value")
		int[][] intMatrix(String source);

		@PythonName("value")
		double[] doubleArray(String source);

		@PythonName("value")
		boolean[] booleanArray(String source);

		@PythonName("value")
		List<String> strings(String source);

		@PythonName("value")
		Map<String, Long> longMap(String source);

		@PythonName("value")
		List<Row> rows(String source);

		@PythonName("value")
		List<BoxedRow> boxedRows(String source);

		@PythonName("value")
		LocalDateTime dateTime(String source);

		@PythonName("value")
		Counter counter(String source);

		@PythonName("value")
		Counts counts(String source);

	}

	record Counts(List<Long> values, Map<String, Integer> byName) {
	}

	/** A POJO: its properties convert as strictly as record components. */
	public static class Counter {

		private long count;

		public long getCount() {
			return this.count;
		}

		public void setCount(long count) {
			this.count = count;
		}

	}

	// ---- what the issue saw, each failing or converting exactly

	@Test
	void aNumberNeverBecomesAString() {
		PythonConversionException failure = catchThrowableOfType(PythonConversionException.class,
				() -> values.string("1"));
		assertThat(failure).isInstanceOf(ClassCastException.class)
			.hasMessageContaining("1 (int)")
			.hasMessageContaining("java.lang.String");
		assertThat(failure.path()).isEmpty();
		assertThatThrownBy(() -> values.string("1.5")).isInstanceOf(PythonConversionException.class);
		assertThatThrownBy(() -> values.string("True")).isInstanceOf(PythonConversionException.class);
		assertThat(values.string("'1'")).isEqualTo("1");
	}

	@Test
	void aFloatBecomesAnIntegralTypeOnlyWhenWholeAndInRange() {
		assertThat(values.primitiveLong("2.0")).isEqualTo(2L);
		assertThat(values.boxedLong("-7.0")).isEqualTo(-7L);
		assertThat(values.primitiveInt("2.0")).isEqualTo(2);
		PythonConversionException failure = catchThrowableOfType(PythonConversionException.class,
				() -> values.primitiveLong("1.5"));
		assertThat(failure).hasMessageContaining("1.5 (float)").hasMessageContaining("long");
		assertThatThrownBy(() -> values.boxedInt("1.7")).isInstanceOf(PythonConversionException.class);
		assertThatThrownBy(() -> values.primitiveInt("3e10")).isInstanceOf(PythonConversionException.class)
			.hasMessageContaining("out of the range");
		assertThatThrownBy(() -> values.primitiveLong("float('inf')")).isInstanceOf(PythonConversionException.class);
		assertThatThrownBy(() -> values.primitiveInt("2 ** 40")).isInstanceOf(PythonConversionException.class);
	}

	@Test
	void aStringNeverBecomesANumberOrBooleanAndABooleanNeverANumber() {
		PythonConversionException failure = catchThrowableOfType(PythonConversionException.class,
				() -> values.primitiveDouble("'1'"));
		assertThat(failure).hasMessageContaining("'1' (str)").hasMessageContaining("double");
		assertThatThrownBy(() -> values.boxedLong("'1'")).isInstanceOf(PythonConversionException.class);
		assertThatThrownBy(() -> values.primitiveBoolean("'true'")).isInstanceOf(PythonConversionException.class);
		assertThatThrownBy(() -> values.primitiveBoolean("1")).isInstanceOf(PythonConversionException.class);
		assertThatThrownBy(() -> values.primitiveInt("True")).isInstanceOf(PythonConversionException.class);
		assertThatThrownBy(() -> values.level("0")).isInstanceOf(PythonConversionException.class);
		assertThat(values.level("'HIGH'")).isEqualTo(Level.HIGH);
		assertThat(values.primitiveDouble("1")).isEqualTo(1.0); // an int is a number: nothing is lost
	}

	@Test
	void missingValuesAreNullInBoxedTargetsAndFailPrimitives() {
		assertThat(values.boxedLong("None")).isNull();
		assertThat(values.string("None")).isNull();
		PythonConversionException failure = catchThrowableOfType(PythonConversionException.class,
				() -> values.primitiveLong("None"));
		assertThat(failure).hasMessageContaining("None").hasMessageContaining("long");
		assertThatThrownBy(() -> values.primitiveBoolean("None")).isInstanceOf(PythonConversionException.class);
		assertThatThrownBy(() -> values.longArray("[1, None]")).isInstanceOf(PythonConversionException.class)
			.hasMessageContaining("at [1]");
	}

	@Test
	void nanStaysNanInFloatingTargetsAndIsNullInBoxedIntegralAndNonNumericOnes() {
		assertThat(strict.call("value", "NAN")).isEqualTo(Double.NaN);
		assertThat(values.primitiveDouble("NAN")).isNaN();
		assertThat(values.boxedDouble("NAN")).isNaN();
		assertThat(values.primitiveFloat("NAN")).isNaN();
		assertThat(values.doubles("[1.5, NAN]")).containsExactly(1.5, Double.NaN);
		assertThat(values.boxedLong("NAN")).isNull();
		assertThat(values.boxedInt("NAN")).isNull();
		assertThat(values.string("NAN")).isNull();
		assertThat(values.boxedBoolean("NAN")).isNull();
		assertThat(values.dateTime("NAN")).isNull();
		assertThat(values.longs("[1, 2.0, NAN, None]")).containsExactly(1L, 2L, null, null);
		assertThat(values.strings("['a', NAN]")).containsExactly("a", null);
		assertThat(values.longMap("{'a': NAN, 'b': 3.0}")).containsEntry("a", null).containsEntry("b", 3L);
		assertThatThrownBy(() -> values.primitiveLong("NAN")).isInstanceOf(PythonConversionException.class)
			.hasMessageContaining("nan (float)");
		assertThatThrownBy(() -> values.intArray("[1.0, NAN]")).isInstanceOf(PythonConversionException.class)
			.hasMessageContaining("at [1]");
	}

	@Test
	void theFailureNamesThePathOfTheValue() {
		PythonConversionException failure = catchThrowableOfType(PythonConversionException.class,
				() -> values.rows("[{'n': 1, 'cat': 'a', 'score': 1}, {'n': NAN, 'cat': 'b', 'score': 2}]"));
		assertThat(failure.path()).isEqualTo("[1].n");
		assertThat(failure).hasMessageContaining("at [1].n").hasMessageContaining("nan (float)").hasMessageContaining("int");
		failure = catchThrowableOfType(PythonConversionException.class,
				() -> values.intMatrix("[[1, 2], [3, 4.5]]"));
		assertThat(failure.path()).isEqualTo("[1][1]");
		assertThat(failure).hasMessageContaining("4.5 (float)");
	}

	@Test
	void propertiesAndElementsAtAnyDepthAreNamedByTheirPath() {
		assertThat(values.counter("{'count': 3.0}").getCount()).isEqualTo(3L);
		PythonConversionException failure = catchThrowableOfType(PythonConversionException.class,
				() -> values.counter("{'count': 2.5}"));
		assertThat(failure.path()).isEqualTo("count");
		failure = catchThrowableOfType(PythonConversionException.class,
				() -> values.counts("{'values': [1, 2.5], 'byName': {}}"));
		assertThat(failure.path()).isEqualTo("values[1]");
		failure = catchThrowableOfType(PythonConversionException.class,
				() -> values.counts("{'values': [], 'byName': {'a': 1, 'b': 'two'}}"));
		assertThat(failure.path()).isEqualTo("byName.b");
		assertThat(failure).hasMessageContaining("'two' (str)").hasMessageContaining("java.lang.Integer");
		assertThat(values.counts("{'values': [1, NAN], 'byName': {'a': NAN}}"))
			.isEqualTo(new Counts(java.util.Arrays.asList(1L, null), java.util.Collections.singletonMap("a", null)));
	}

	@Test
	void keysThatPythonKeepsApartButJavaCannotFailAsAConversion() {
		// two tuples holding two NaNs are two keys in Python, one List key in Java
		PythonConversionException failure = catchThrowableOfType(PythonConversionException.class,
				() -> strict.call("value", "[{(float('nan'),): 1, (float('nan'),): 2}]"));
		assertThat(failure.path()).isEqualTo("[0]");
		assertThat(failure).hasMessageContaining("one key [NaN] in Java");
		assertThat(strict.call("value", "1")).isEqualTo(1);
	}

	@Test
	void rowsOfADataFrameConvertStrictly() {
		PythonBridge pandas = TestBridges.dataBuilder("pandas").build();
		try (pandas) {
			Values frames = pandas.module("strict_values.py").bind(Values.class);
			PythonConversionException failure = catchThrowableOfType(PythonConversionException.class,
					() -> frames.rows("frame_rows()"));
			assertThat(failure.path()).isEqualTo("[0].score");
			assertThat(failure).hasMessageContaining("0.5 (float)");
			failure = catchThrowableOfType(PythonConversionException.class, () -> frames.rows("whole_frame_rows()"));
			assertThat(failure.path()).isEqualTo("[1].n"); // NaN marks the missing int: no primitive can hold it
			assertThat(frames.boxedRows("frame_rows()")).containsExactly(new BoxedRow(1, "lo", 0.5),
					new BoxedRow(null, null, 1.7), new BoxedRow(3, "hi", 2.0));
		}
	}

	// ---- missing markers of pandas and numpy

	@Test
	void missingMarkersOfPandasAndNumpyAreNull() {
		PythonBridge pandas = TestBridges.dataBuilder("pandas").build();
		try (pandas) {
			PyModule module = pandas.module("strict_values.py");
			assertThat((List<Object>) module.call("missing_markers")).containsExactly(null, null, null, null, null);
			Values frames = module.bind(Values.class);
			assertThat(frames.dateTime("__import__('pandas').NaT")).isNull();
			assertThat(frames.string("__import__('pandas').NA")).isNull();
			List<Timed> rows = List.of(pandas.module("strict_values.py").call("frame_with_nat")).stream()
				.flatMap(rowsValue -> ((List<?>) rowsValue).stream())
				.map(row -> new Timed((LocalDateTime) ((Map<?, ?>) row).get("at"), (String) ((Map<?, ?>) row).get("label")))
				.toList();
			assertThat(rows).containsExactly(new Timed(LocalDateTime.of(2024, 1, 2, 3, 4, 5), "a"), new Timed(null, null));
			assertThat(pandas.liveObjects()).isZero();
		}
	}

	@Test
	void numpyNotATimeIsNullWithoutPandas() {
		assertThat((List<Object>) strict.call("value", "[__import__('numpy').datetime64('NaT'), 1]")).containsExactly(null, 1);
		assertThat(strict.call("value", "'pandas' in __import__('sys').modules")).isEqualTo(false);
	}

	// ---- values never change on the way

	@Test
	void subclassesOfStrIntAndFloatCrossAsTheirBuiltinValue() {
		assertThat(strict.call("value", "Liar('truth')")).isEqualTo("truth");
		assertThat(strict.call("value", "Devil(42)")).isEqualTo(42);
		assertThat(strict.call("value", "Sinking(2.5)")).isEqualTo(2.5);
		assertThat(strict.call("value", "[Liar('truth'), {Liar('k'): Devil(42)}]"))
			.isEqualTo(List.of("truth", Map.of("k", 42)));
		assertThat(values.string("Liar('truth')")).isEqualTo("truth");
		assertThat(values.primitiveLong("Devil(42)")).isEqualTo(42L);
	}

	@Test
	void pythonKeysThatAreOneKeyInJavaFailTheCall() {
		assertThatThrownBy(() -> strict.call("value", "{float('nan'): 1, float('nan'): 2}"))
			.isInstanceOf(PythonException.class)
			.hasMessageContaining("NaN keys");
		assertThatThrownBy(() -> strict.call("value", "{float('nan'), float('nan')}"))
			.isInstanceOf(PythonException.class)
			.hasMessageContaining("NaN keys");
		assertThat(strict.call("value", "{NAN: 1}")).isEqualTo(Map.of(Double.NaN, 1));
	}

	@Test
	void javaKeysThatAreOneKeyInPythonFailTheCall() {
		Map<Object, Object> keys = new LinkedHashMap<>();
		keys.put(1, "int");
		keys.put(1L, "long");
		keys.put(1.0, "double");
		keys.put(true, "boolean");
		assertThatThrownBy(() -> strict.call("echo", keys)).isInstanceOf(PythonException.class)
			.hasMessageContaining("one key in Python");
		assertThatThrownBy(() -> strict.call("echo", new java.util.LinkedHashSet<>(List.of(1, 1L))))
			.isInstanceOf(PythonException.class)
			.hasMessageContaining("one key in Python");
		assertThat(strict.call("type_name", Map.of(1, "a", 2L, "b"))).isEqualTo("dict");
	}

	// ---- a value that cannot be read fails its call alone

	@Test
	void anUnreadableValueFailsTheCallAloneAndReleasesItsHandles() {
		PythonConversionException failure = catchThrowableOfType(PythonConversionException.class,
				() -> strict.call("value", "[Opaque(), datetime.datetime(2024, 1, 2, tzinfo=ODD_ZONE)]"));
		assertThat(failure.path()).isEqualTo("[1]");
		assertThat(failure).hasMessageContaining("2024-01-02T00:00:00+00:00:00.000001");
		assertThat(python.liveObjects()).isZero();
		assertThat(python.ping(Duration.ofSeconds(5), new java.util.HashMap<>()).get(0).registrySize()).isZero();
		assertThat(strict.call("value", "1 + 1")).isEqualTo(2);
	}

	@Test
	void aHandleInsideATypedResultFailsAsAConversionAndIsReleased() {
		assertThatThrownBy(() -> values.rows("[{'n': 1, 'cat': Opaque(), 'score': 1}]"))
			.isInstanceOf(PythonConversionException.class)
			.hasMessageContaining("Cannot convert a Python Opaque object");
		assertThat(python.liveObjects()).isZero();
	}

	// ---- the shortcuts for arrays give what Jackson gives

	@Test
	void numpyArraysConvertAsStrictlyAsLists() {
		for (String array : List.of("[1.0, 2.0]", "np.array([1.0, 2.0])")) {
			String source = array.replace("np.", "__import__('numpy').");
			assertThat(values.intArray(source)).containsExactly(1, 2);
			assertThat(values.longArray(source)).containsExactly(1L, 2L);
			assertThat(values.longs(source)).containsExactly(1L, 2L);
			assertThat(values.doubleArray(source)).containsExactly(1.0, 2.0);
			assertThatThrownBy(() -> values.booleanArray(source)).isInstanceOf(PythonConversionException.class);
		}
		for (String array : List.of("[1.0, 2.5]", "np.array([1.0, 2.5])", "[1, 2 ** 40]", "np.array([1, 2 ** 40])",
				"[True, False]", "np.array([True, False])", "[1.0, NAN]", "np.array([1.0, NAN])")) {
			String source = array.replace("np.", "__import__('numpy').");
			Throwable failure = catchThrowableOfType(PythonConversionException.class, () -> values.intArray(source));
			assertThat(failure).as(source).isNotNull();
			assertThat(((PythonConversionException) failure).path()).as(source)
				.isEqualTo(source.contains("True") ? "[0]" : "[1]");
		}
		assertThat(values.ints("__import__('numpy').array([1.0, NAN])")).containsExactly(1, null);
		assertThat(values.ints("[1.0, NAN]")).containsExactly(1, null);
		assertThat(values.booleanArray("__import__('numpy').array([True, False])")).containsExactly(true, false);
		assertThat(Arrays.stream(values.doubleArray("__import__('numpy').array([1, 2 ** 40])")).boxed())
			.containsExactly(1.0, 0x1p40);
	}

}
