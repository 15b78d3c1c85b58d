package dev.esem;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.esem.annotation.PythonName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** numpy arrays and scalars, data carriers, UUID and Duration, and what must not convert. */
class DataWorldTest {

	static PythonBridge python;

	static PyModule data;

	@BeforeAll
	static void start() {
		python = TestBridges.builder().build();
		data = python.module("data_world.py");
	}

	@AfterAll
	static void stop() {
		python.close();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> describe(NDArray array) {
		return (Map<String, Object>) data.call("describe_array", array);
	}

	// ---- NDArray both ways

	@Test
	void arraysFromJavaArriveAsNdarraysOfTheirDtypeAndShape() {
		NDArray[] arrays = { NDArray.of(new double[] { 1, 2.5, -3, 4, 5, 6 }, 2, 3),
				NDArray.of(new float[] { 1, 2.5f, -3, 4, 5, 6 }, 3, 2), NDArray.of(new long[] { 1, Long.MIN_VALUE, 3 }),
				NDArray.of(new int[] { 1, -2, 3, 4, 5, 6, 7, 8 }, 2, 2, 2),
				NDArray.of(new boolean[] { true, false, true, true }, 4, 1), NDArray.of(new double[0], 0, 5) };
		String[] dtypes = { "float64", "float32", "int64", "int32", "bool", "float64" };
		for (int i = 0; i < arrays.length; i++) {
			NDArray array = arrays[i];
			Map<String, Object> seen = describe(array);
			assertThat(seen).containsEntry("type", "ndarray")
				.containsEntry("dtype", dtypes[i])
				.containsEntry("c_order", true)
				.containsEntry("writable", true);
			assertThat(seen.get("shape")).isEqualTo(toList(array.shape()));
			assertThat(data.call("echo", array)).isEqualTo(array);
		}
		assertThat(describe(arrays[0]).get("values")).isEqualTo(List.of(List.of(1.0, 2.5, -3.0), List.of(4.0, 5.0, 6.0)));
		assertThat(describe(arrays[2]).get("values")).isEqualTo(List.of(1, Long.MIN_VALUE, 3));
	}

	@Test
	void arraysOfEveryListedDtypeComeBackAsNDArrays() {
		for (String dtype : List.of("bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
				"float16", "float32", "float64")) {
			NDArray array = (NDArray) data.call("arange", dtype, 2, 4);
			assertThat(array.dtype()).isEqualTo(dtype);
			assertThat(array.shape()).containsExactly(2, 4);
			assertThat(array.size()).isEqualTo(8);
			long[] expected = dtype.equals("bool") ? new long[] { 0, 1, 1, 1, 1, 1, 1, 0 }
					: new long[] { 0, 1, 2, 3, 4, 5, 6, 0 };
			assertThat(array.toLongArray()).as(dtype).containsExactly(expected);
			assertThat(array.toDoubleArray()).as(dtype).containsExactly(java.util.Arrays.stream(expected)
				.asDoubleStream()
				.toArray());
			assertThat(data.call("echo", array)).as(dtype).isEqualTo(array); // and back, dtype kept
		}
	}

	@Test
	void extremeValuesConvertAsNumpyWould() {
		@SuppressWarnings("unchecked")
		Map<String, NDArray> arrays = (Map<String, NDArray>) data.call("extremes");
		assertThat(arrays.get("uint64").toDoubleArray()).containsExactly(18446744073709551615.0, 0);
		assertThat(arrays.get("uint64").toLongArray()).containsExactly(-1L, 0L); // astype(int64) wraps
		assertThat(arrays.get("int8").toIntArray()).containsExactly(-128, 127);
		assertThat(arrays.get("float16").toFloatArray()).containsExactly(0.5f, -2.0f, Float.POSITIVE_INFINITY);
		assertThat(arrays.get("float64").toDoubleArray()).containsExactly(Double.NaN, Double.NEGATIVE_INFINITY, 1e300);
		assertThat(arrays.get("float64").toBooleanArray()).containsExactly(true, true, true);
	}

	@Test
	void stridedFortranAndBigEndianArraysArriveInCOrder() {
		NDArray strided = (NDArray) data.call("strided");
		assertThat(strided.shape()).containsExactly(3, 2);
		assertThat(strided.toLongArray()).containsExactly(0, 2, 4, 6, 8, 10);
		NDArray fortran = (NDArray) data.call("fortran");
		assertThat(fortran.shape()).containsExactly(2, 3);
		assertThat(fortran.toDoubleArray()).containsExactly(0, 1, 2, 3, 4, 5);
		NDArray transposed = (NDArray) data.call("transposed");
		assertThat(transposed.shape()).containsExactly(3, 2);
		assertThat(transposed.toIntArray()).containsExactly(0, 3, 1, 4, 2, 5);
		NDArray bigEndian = (NDArray) data.call("big_endian");
		assertThat(bigEndian.dtype()).isEqualTo("float64");
		assertThat(bigEndian.toDoubleArray()).containsExactly(0, 1, 2);
	}

	@Test
	void numpyScalarsAndZeroDimensionalArraysArriveAsJavaValues() {
		Map<String, Object> expected = new java.util.LinkedHashMap<>();
		expected.put("zero_d", 2.5);
		expected.put("float32", 0.25);
		expected.put("int64", -3);
		expected.put("uint64", new BigInteger("9223372036854775808"));
		expected.put("bool", true);
		expected.put("list", List.of(1, 1.5, false));
		expected.put("nested", Map.of("n", 7));
		assertThat(data.call("scalars")).isEqualTo(expected);
	}

	interface Arrays {

		@PythonName("arange")
		double[] doubles(String dtype, int length);

		@PythonName("arange")
		float[] floats(String dtype, int length);

		@PythonName("arange")
		long[] longs(String dtype, int length);

		@PythonName("arange")
		int[] ints(String dtype, int length);

		@PythonName("arange")
		boolean[] booleans(String dtype, int length);

		@PythonName("arange")
		double[] flat(String dtype, int rows, int columns);

		@PythonName("arange")
		double[][] matrix(String dtype, int rows, int columns);

		@PythonName("arange")
		long[][][] cube(String dtype, int x, int y, int z);

		@PythonName("arange")
		List<Double> doubleList(String dtype, int length);

		@PythonName("arange")
		List<Long> longList(String dtype, int length);

		@PythonName("arange")
		List<List<Double>> rows(String dtype, int rows, int columns);

		@PythonName("arange")
		NDArray array(String dtype, int length);

		@PythonName("as_list")
		double[] fromList(NDArray array);

		@PythonName("scaled")
		CompletableFuture<double[]> scaledLater(NDArray array, double factor);

		Model weights();

	}

	record Model(double[] weights, double bias) {
	}

	@Test
	void typedMethodsReceivePrimitiveArraysAndListsOfNumbers() {
		Arrays arrays = data.bind(Arrays.class);
		assertThat(arrays.doubles("float32", 3)).containsExactly(0, 1, 2);
		assertThat(arrays.floats("float64", 3)).containsExactly(0, 1, 2);
		assertThat(arrays.longs("uint8", 3)).containsExactly(0, 1, 2);
		assertThat(arrays.ints("int64", 3)).containsExactly(0, 1, 2);
		assertThat(arrays.booleans("bool", 3)).containsExactly(false, true, true);
		assertThatThrownBy(() -> arrays.booleans("int32", 3)).isInstanceOf(PythonConversionException.class);
		assertThat(arrays.matrix("float64", 2, 3)).isDeepEqualTo(new double[][] { { 0, 1, 2 }, { 3, 4, 5 } });
		assertThat(arrays.cube("int16", 2, 2, 2)).isDeepEqualTo(new long[][][] { { { 0, 1 }, { 2, 3 } }, { { 4, 5 }, { 6, 0 } } });
		assertThat(arrays.doubleList("int32", 3)).containsExactly(0.0, 1.0, 2.0);
		assertThat(arrays.longList("float64", 3)).containsExactly(0L, 1L, 2L);
		assertThat(arrays.rows("float32", 2, 2)).isEqualTo(List.of(List.of(0.0, 1.0), List.of(2.0, 3.0)));
		assertThat(arrays.array("uint16", 2).dtype()).isEqualTo("uint16");
		assertThat(arrays.fromList(NDArray.of(new double[] { 1.5, 2.5 }))).containsExactly(1.5, 2.5);
		assertThat(arrays.scaledLater(NDArray.of(new double[] { 1, 2 }), 2.0).join()).containsExactly(2, 4);
		Model model = arrays.weights();
		assertThat(model.weights()).containsExactly(0.5, 1.5);
		assertThat(model.bias()).isEqualTo(0.25);
		assertThat(arrays.matrix("float64", 0, 2)).isEmpty();
		assertThatThrownBy(() -> arrays.flat("float64", 2, 2)).isInstanceOf(ClassCastException.class)
			.hasMessage("Cannot convert an NDArray of shape [2, 2] to double[]: it has 2 dimension(s), not 1");
	}

	interface Lists {

		@PythonName("echo")
		double[] doubles(List<?> values);

		@PythonName("echo")
		long[] longs(List<?> values);

		@PythonName("echo")
		int[] ints(List<?> values);

		@PythonName("echo")
		List<Double> doubleList(List<?> values);

		@PythonName("echo")
		List<Long> longList(List<?> values);

	}

	@Test
	void typedMethodsReceiveListsOfNumbersAsDeclared() {
		Lists lists = data.bind(Lists.class);
		List<Object> floats = new ArrayList<>();
		List<Object> ints = new ArrayList<>();
		for (int i = 0; i < 3000; i++) { // long enough for the binary lane
			floats.add(i * 0.5);
			ints.add(i);
		}
		assertThat(lists.doubles(floats)).hasSize(3000).endsWith(1499.5);
		assertThat(lists.doubles(List.of(1, 2.5))).containsExactly(1.0, 2.5);
		assertThat(lists.longs(ints)).hasSize(3000).endsWith(2999L);
		assertThat(lists.ints(List.of(1, 2))).containsExactly(1, 2);
		assertThatThrownBy(() -> lists.ints(List.of(1, 3_000_000_000L))) // never truncated
			.isInstanceOf(PythonConversionException.class);
		assertThat(lists.doubleList(floats)).hasSize(3000).allMatch(Double.class::isInstance);
		assertThat(lists.doubleList(List.of(1, 2))).containsExactly(1.0, 2.0).allMatch(Double.class::isInstance);
		assertThat(lists.longList(ints)).hasSize(3000).allMatch(Long.class::isInstance);
	}

	// ---- data carriers, UUID, Duration

	record Line(String sku, int quantity, BigDecimal price) {
	}

	record Order(UUID id, List<Line> lines, LocalDate placed, Duration took) {
	}

	record Quote(String sku, int quantity, @JsonProperty("unit_price") BigDecimal unitPrice) {
	}

	record Corner(int x, double y) {
	}

	interface OrderView extends PythonInstance {

		BigDecimal total();

	}

	interface Carriers {

		Order order();

		Quote quote();

		Corner corner();

		@PythonName("order")
		PyObject orderObject();

		@PythonName("order")
		OrderView orderView();

		@PythonName("order")
		CompletableFuture<PyObject> orderLater();

		@PythonName("order")
		Map<String, Object> orderMap();

	}

	@Test
	void dataclassesModelsAndNamedTuplesCrossAsOrderedMaps() {
		@SuppressWarnings("unchecked")
		Map<String, Object> order = (Map<String, Object>) data.call("order");
		assertThat(order.keySet()).containsExactly("id", "lines", "placed", "took");
		assertThat(order.get("lines")).isEqualTo(List.of(
				Map.of("sku", "tea", "quantity", 2, "price", new BigDecimal("4.20")),
				Map.of("sku", "cup", "quantity", 1, "price", new BigDecimal("9.90"))));
		@SuppressWarnings("unchecked")
		Map<String, Object> quote = (Map<String, Object>) data.call("quote");
		assertThat(new ArrayList<>(quote.keySet())).containsExactly("sku", "quantity", "unit_price");
		assertThat(data.call("corner")).isEqualTo(Map.of("x", 3, "y", 4.5));
	}

	@Test
	void dataCarriersBecomeRecords() {
		Carriers carriers = data.bind(Carriers.class);
		Order order = carriers.order();
		assertThat(order.id()).isEqualTo(UUID.fromString("0b4f2cf6-1c4e-4d55-9a43-2a5d7e9d1f00"));
		assertThat(order.lines()).containsExactly(new Line("tea", 2, new BigDecimal("4.20")),
				new Line("cup", 1, new BigDecimal("9.90")));
		assertThat(order.placed()).isEqualTo(LocalDate.of(2026, 3, 1));
		assertThat(order.took()).isEqualTo(Duration.ofMinutes(1).plusNanos(5_000));
		assertThat(carriers.quote()).isEqualTo(new Quote("tea", 3, new BigDecimal("4.20")));
		assertThat(carriers.corner()).isEqualTo(new Corner(3, 4.5));
		assertThat(carriers.orderMap()).containsKey("lines");
	}

	@Test
	void typedMethodsDeclaringAHandleGetTheObject() {
		Carriers carriers = data.bind(Carriers.class);
		try (PyObject order = carriers.orderObject()) {
			assertThat(order.pythonClass()).isEqualTo("Order");
			assertThat(order.call("total")).isEqualTo(new BigDecimal("18.30"));
		}
		try (OrderView view = carriers.orderView()) {
			assertThat(view.total()).isEqualTo(new BigDecimal("18.30"));
		}
		try (PyObject later = carriers.orderLater().join()) {
			assertThat(later.get("placed")).isEqualTo(LocalDate.of(2026, 3, 1));
		}
	}

	@Test
	void uuidsAndDurationsRoundTrip() {
		UUID id = UUID.randomUUID();
		assertThat(data.call("echo", id)).isEqualTo(id);
		assertThat(data.call("type_name", id)).isEqualTo("UUID");
		for (Duration duration : List.of(Duration.ZERO, Duration.ofDays(3).plusMillis(250), Duration.ofSeconds(-1, 500_000),
				Duration.ofDays(999_999_999).plusHours(23).plusNanos(999_999_000), Duration.ofDays(-999_999_999))) {
			assertThat(data.call("echo", duration)).isEqualTo(duration);
		}
		assertThat(data.call("type_name", Duration.ofSeconds(1))).isEqualTo("timedelta");
		assertThat(data.call("duration_seconds", Duration.ofMillis(-1500))).isEqualTo(-1.5);
		// a timedelta counts microseconds: finer digits are cut
		assertThat(data.call("echo", Duration.ofNanos(1_999))).isEqualTo(Duration.ofNanos(1_000));
		assertThatThrownBy(() -> data.call("echo", Duration.ofDays(1_000_000_000L)))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("999,999,999 days");
	}

	record Job(String name, NDArray input, PyObject model, Duration took) {
	}

	@Test
	void valuesInsideRecordsKeepTheirPythonTypes() {
		try (PyObject model = (PyObject) data.call("opaque")) {
			Job job = new Job("fit", NDArray.of(new float[] { 1, 2 }), model, Duration.ofMillis(1500));
			assertThat(data.call("describe_job", job))
				.isEqualTo(List.of("ndarray", "float32", "hello from opaque", "0:00:01.500000"));
		}
	}

	// ---- a handle never converts silently

	public static class Bean {

		private String name;

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = name;
		}

	}

	record Box(String name, String inside) {
	}

	interface Opaques {

		@PythonName("opaque")
		Box asRecord();

		@PythonName("opaque")
		Map<String, Object> asMap();

		@PythonName("opaque")
		Bean asBean();

		@PythonName("opaque")
		double[] asArray();

		@PythonName("opaque")
		CompletableFuture<Box> asRecordLater();

		@PythonName("holding_opaque")
		Box holding();

	}

	@Test
	void aHandleNeverConvertsToDataAndIsReleased() {
		Opaques opaques = data.bind(Opaques.class);
		List<Runnable> conversions = List.of(opaques::asRecord, opaques::asMap, opaques::asBean, opaques::asArray,
				() -> opaques.asRecordLater().join(), opaques::holding);
		List<String> targets = List.of(Box.class.getTypeName(), "java.util.Map<java.lang.String, java.lang.Object>",
				Bean.class.getTypeName(), "double[]", Box.class.getTypeName(), Box.class.getTypeName());
		for (int i = 0; i < conversions.size(); i++) {
			Throwable failure = catchThrowable(conversions.get(i)::run);
			if (failure instanceof CompletionException) {
				failure = failure.getCause();
			}
			assertThat(failure).isInstanceOf(ClassCastException.class)
				.hasMessageStartingWith("Cannot convert a Python Opaque object to " + targets.get(i));
			assertThat(python.liveObjects()).as("released").isZero();
		}
		System.gc();
		assertThat(python.leakCount()).isZero();
		assertThat(registrySize()).isZero();
	}

	@Test
	void jacksonRefusesToWriteAHandle() {
		try (PyObject opaque = (PyObject) data.call("opaque")) {
			assertThatThrownBy(() -> JsonMapper.builder().build().writeValueAsString(Map.of("result", opaque)))
				.hasMessageContaining("Cannot convert a Python Opaque object to JSON");
		}
	}

	// ---- Java functions other than the callables that cross are refused

	record Sorting(String name, Comparator<String> order) {
	}

	@Test
	void javaFunctionsOtherThanTheOnesThatCrossAreRefusedBeforeSending() {
		Comparator<String> anonymous = new Comparator<>() {
			@Override
			public int compare(String a, String b) {
				return a.compareTo(b);
			}
		};
		Comparator<String> lambda = String::compareTo;
		for (Object function : List.of(anonymous, lambda, new Sorting("s", lambda), List.of(anonymous))) {
			assertThatThrownBy(() -> data.call("echo", function)).isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("Cannot pass a Java function");
		}
		assertThat(data.call("echo", "still fine")).isEqualTo("still fine");
	}

	// ---- values Java cannot hold

	@Test
	void valuesJavaCannotHoldFailTheCallAsPythonErrors() {
		long pid = python.workers().get(0).pid();
		assertThatThrownBy(() -> data.call("not_a_number")).isInstanceOf(PythonException.class)
			.hasMessageContaining("Decimal('NaN') cannot cross to Java");
		assertThatThrownBy(() -> data.call("surrogate_key")).isInstanceOf(PythonException.class)
			.hasMessageContaining("lone surrogate");
		assertThat(data.call("echo", 1)).isEqualTo(1);
		assertThat(python.workers().get(0).pid()).isEqualTo(pid);
	}

	// ---- numpy imported only when needed

	@Test
	void numpyIsImportedOnlyWhenAnArrayCrosses() {
		try (PythonBridge fresh = TestBridges.builder().build()) {
			PyModule plain = fresh.module("no_numpy.py");
			for (Object value : List.of(1, "text", List.of(1.5), Map.of("k", new byte[] { 1 }), UUID.randomUUID(),
					Duration.ofSeconds(1), new BigDecimal("1.5"))) {
				plain.call("echo", value);
			}
			assertThat(plain.call("loaded", "numpy")).isEqualTo(false);
			assertThat(plain.call("echo", NDArray.of(new int[] { 1 }))).isEqualTo(NDArray.of(new int[] { 1 }));
			assertThat(plain.call("loaded", "numpy")).isEqualTo(true);
		}
	}

	@Test
	void withoutNumpySendingAnArrayFailsNamingNumpy() {
		try (PythonBridge fresh = TestBridges.builder().build()) {
			PyModule plain = fresh.module("no_numpy.py");
			plain.call("hide_numpy");
			assertThatThrownBy(() -> plain.call("echo", NDArray.of(new double[] { 1 })))
				.isInstanceOf(PythonException.class)
				.hasMessageContaining("numpy cannot be imported in the worker's Python");
			assertThat(plain.call("echo", 2)).isEqualTo(2);
		}
	}

	private static int registrySize() {
		return python.ping(Duration.ofSeconds(5), new java.util.HashMap<>()).get(0).registrySize();
	}

	private static List<Integer> toList(int[] values) {
		List<Integer> list = new ArrayList<>();
		for (int value : values) {
			list.add(value);
		}
		return list;
	}

}
