package dev.esem;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** DataFrames, Series, Index and tensors against Debian's real pandas, torch, scikit-learn and scipy. */
class PandasTablesTest {

	static PythonBridge python;

	static PyModule frames;

	@BeforeAll
	static void start() {
		python = TestBridges.dataBuilder("pandas", "torch", "sklearn", "scipy").build();
		frames = python.module("frames.py");
	}

	@AfterAll
	static void stop() {
		python.close();
	}

	record Sale(String region, Long units, double price, String grade, LocalDateTime day, OffsetDateTime at,
			Duration delay, boolean ok, Object note) {
	}

	record Score(String key, double score) {
	}

	record Numbers(double a, double b, double c, double d, double e) {
	}

	record Row(int n, String cat, double score) {
	}

	interface Frames {

		Table sales();

		PyObject indexed();

		@dev.esem.annotation.PythonName("series_of_floats")
		Map<String, Double> seriesOfFloats();

		@dev.esem.annotation.PythonName("a_range")
		List<Integer> aRange(int n);

		@dev.esem.annotation.PythonName("a_deque")
		List<String> aDeque();

		int[] squares();

		Map<String, Integer> config();

		String[] strings();

		double[][] sparse();

		List<Map<String, Object>> structured();

		@dev.esem.annotation.PythonName("a_range")
		NDArray rangeAsArray(int n);

		@dev.esem.annotation.PythonName("sparse")
		NDArray sparseAsArray();

		@dev.esem.annotation.PythonName("series_of_floats")
		double[] seriesAsArray();

		@dev.esem.annotation.PythonName("tensor")
		float[][] tensorAsArray(boolean grad);

	}

	interface Aliased {

		@dev.esem.annotation.PythonName("sales")
		List<Sale> salesAsRows();

		@dev.esem.annotation.PythonName("indexed")
		List<Score> rowsOfIndexed();

		@dev.esem.annotation.PythonName("complex_values")
		PyObject complexHandle();

		@dev.esem.annotation.PythonName("sparse")
		double[][] denseSparse();

	}

	@Test
	void aDataFrameIsATableWithEveryKindOfColumnAndItsMissingValues() {
		Table table = (Table) frames.call("sales");
		assertThat(table.columns()).containsExactly("region", "units", "price", "grade", "day", "at", "delay", "ok",
				"note");
		assertThat(table.rowCount()).isEqualTo(3);
		assertThat(table.column("region")).isEqualTo(Arrays.asList("north", "south", null));
		assertThat(table.column("units")).isEqualTo(Arrays.asList(3L, null, 5L)); // Int64 with NA
		NDArray price = (NDArray) table.column("price");
		assertThat(price.dtype()).isEqualTo("float64");
		assertThat(price.toDoubleArray()).containsExactly(1.5, Double.NaN, 2.25);
		assertThat(table.column("grade")).isEqualTo(Arrays.asList("lo", null, "hi")); // categorical
		assertThat(table.column("day")).isEqualTo(
				Arrays.asList(LocalDateTime.of(2024, 3, 1, 10, 30), null, LocalDateTime.of(2024, 3, 3, 0, 0)));
		assertThat(table.column("at")).isEqualTo(Arrays.asList(OffsetDateTime.of(2024, 3, 1, 10, 30, 0, 0,
				ZoneOffset.ofHours(1)), OffsetDateTime.of(2024, 7, 1, 12, 0, 0, 0, ZoneOffset.ofHours(2)), null));
		assertThat(table.column("delay")).isEqualTo(Arrays.asList(Duration.ofSeconds(1), null, Duration.ofMinutes(2)));
		assertThat(((NDArray) table.column("ok")).toBooleanArray()).containsExactly(true, false, true);
		assertThat(table.column("note")).isEqualTo(Arrays.asList("a", 1, null));
		assertThat(table.rows().get(1)).containsEntry("region", "south").containsEntry("units", null)
			.containsEntry("ok", false);
		assertThatThrownBy(() -> table.column("nope")).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("nope");
	}

	@Test
	void typedMethodsGetATableRecordsOrAHandle() {
		Aliased typed = frames.bind(Aliased.class);
		List<Sale> sales = typed.salesAsRows();
		assertThat(sales).hasSize(3);
		assertThat(sales.get(0)).isEqualTo(new Sale("north", 3L, 1.5, "lo", LocalDateTime.of(2024, 3, 1, 10, 30),
				OffsetDateTime.of(2024, 3, 1, 10, 30, 0, 0, ZoneOffset.ofHours(1)), Duration.ofSeconds(1), true, "a"));
		assertThat(sales.get(1).units()).isNull();
		assertThat(sales.get(1).price()).isNaN();
		assertThat(sales.get(1).grade()).isNull();
		Frames frames = PandasTablesTest.frames.bind(Frames.class);
		assertThat(frames.sales().rows(Sale.class)).isEqualTo(sales);
		try (PyObject handle = frames.indexed()) {
			assertThat(handle.pythonClass()).isEqualTo("DataFrame");
		}
	}

	@Test
	void anIndexOtherThanTheDefaultBecomesTheLeadingColumn() {
		Table named = (Table) frames.call("indexed");
		assertThat(named.columns()).containsExactly("key", "score");
		assertThat(frames.bind(Aliased.class).rowsOfIndexed()).containsExactly(new Score("a", 0.5), new Score("b", 1.5));
		Table unnamed = (Table) frames.call("unnamed_index");
		assertThat(unnamed.columns()).containsExactly("index", "score");
		assertThat(((NDArray) unnamed.column("index")).toLongArray()).containsExactly(10, 20);
		assertThat(((Table) frames.call("numbers")).columns()).containsExactly("a", "b", "c", "d", "e");
	}

	@Test
	void rowsOfAClassConvertStrictlyNamingRowAndColumn() {
		Table table = (Table) frames.call("sales");
		record Units(int units) {
		}
		assertThatThrownBy(() -> table.rows(Units.class)).isInstanceOf(PythonConversionException.class)
			.satisfies(ex -> assertThat(((PythonConversionException) ex).path()).isEqualTo("[1].units"));
	}

	@Test
	void seriesIndexAndTensorsAreValues() {
		NDArray floats = (NDArray) frames.call("series_of_floats");
		assertThat(floats.toDoubleArray()).containsExactly(1.0, 2.5, Double.NaN);
		assertThat(frames.call("series_of_strings")).isEqualTo(Arrays.asList("a", null, "c"));
		assertThat(frames.bind(Frames.class).seriesOfFloats()).containsExactly(Map.entry("x", 1.0),
				Map.entry("y", 2.5), Map.entry("z", Double.NaN));
		assertThat(frames.call("an_index")).isEqualTo(List.of(3, 1, 2));
		assertThat(frames.call("a_datetime_index")).isEqualTo(Arrays.asList(LocalDateTime.of(2024, 1, 1, 0, 0), null));
		NDArray tensor = (NDArray) frames.call("tensor", true);
		assertThat(tensor.dtype()).isEqualTo("float32");
		assertThat(tensor.shape()).containsExactly(2, 2);
		assertThat(tensor.toFloatArray()).containsExactly(2f, 4f, 6f, 8f);
		assertThat(frames.call("scalar_tensor")).isEqualTo(2.5);
		assertThat(((NDArray) frames.call("int_tensor")).toLongArray()).containsExactly(0, 1, 2, 3);
	}

	@Test
	void stringDatetimeStructuredAndComplexArrays() {
		assertThat(frames.call("strings")).isEqualTo(List.of("ab", "c", "déf"));
		assertThat(frames.bind(Frames.class).strings()).containsExactly("ab", "c", "déf");
		assertThat(frames.call("object_strings")).isEqualTo(List.of("x", "y"));
		assertThat(frames.call("datetimes")).isEqualTo(Arrays.asList(LocalDateTime.of(2024, 1, 1, 0, 0, 1), null,
				LocalDateTime.of(1969, 12, 31, 23, 59, 59, 500_000_000)));
		assertThat(frames.call("timedeltas")).isEqualTo(
				Arrays.asList(Duration.ofMillis(1500), null, Duration.ofMillis(-2000)));
		Table structured = (Table) frames.call("structured");
		assertThat(structured.columns()).containsExactly("id", "value", "tag");
		assertThat(structured.rows().get(1)).isEqualTo(Map.of("id", 2, "value", 3.5, "tag", "b"));
		assertThat(frames.bind(Frames.class).structured()).hasSize(2);
		assertThatThrownBy(() -> frames.call("complex_values")).isInstanceOf(PythonConversionException.class)
			.hasMessageContaining("complex128");
		try (PyObject handle = frames.bind(Aliased.class).complexHandle()) {
			assertThat(handle.pythonClass()).isEqualTo("ndarray");
		}
		assertThat(frames.call("echo", 1)).isEqualTo(1); // the bridge goes on
	}

	@Test
	void declaredTypesTakeAnySequenceMappingOrArrayLike() {
		Frames typed = frames.bind(Frames.class);
		assertThat(typed.aRange(3)).isEqualTo(List.of(0, 1, 2));
		assertThat(typed.aDeque()).containsExactly("a", "b");
		assertThat(typed.squares()).containsExactly(0, 1, 4);
		assertThat(typed.config()).containsExactly(Map.entry("a", 1), Map.entry("b", 2));
		assertThat(typed.sparse()).isEqualTo(new double[][] { { 0, 1 }, { 2, 0 } });
		assertThat(typed.rangeAsArray(3).toLongArray()).containsExactly(0, 1, 2);
		assertThat(typed.sparseAsArray().shape()).containsExactly(2, 2);
		assertThat(typed.seriesAsArray()).containsExactly(1.0, 2.5, Double.NaN);
		assertThat(typed.tensorAsArray(true)).isEqualTo(new float[][] { { 2, 4 }, { 6, 8 } });
		try (PyObject sparse = (PyObject) frames.call("sparse")) { // never densified unasked
			assertThat(sparse.pythonClass()).isEqualTo("csr_matrix");
		}
	}

	@Test
	void stringLabelsOfScikitLearn() {
		try (PyObject model = (PyObject) frames.call("classifier")) {
			assertThat(model.call("predict", List.of(List.of(0.0), List.of(3.0)))).isEqualTo(List.of("low", "high"));
			assertThat(model.get("classes_")).isEqualTo(List.of("high", "low"));
			Labels labels = model.as(Labels.class);
			assertThat(labels.predict(List.of(List.of(0.0)))).containsExactly("low");
		}
	}

	interface Labels {

		String[] predict(List<List<Double>> x);

	}

	@Test
	void aTableCrossesToPythonAsADataFrameWithTheSameDtypes() {
		Table sales = (Table) frames.call("sales");
		@SuppressWarnings("unchecked")
		Map<String, Object> dtypes = (Map<String, Object>) frames.call("dtypes", sales);
		assertThat(dtypes).containsEntry("region", "object").containsEntry("units", "Int64")
			.containsEntry("price", "float64").containsEntry("day", "datetime64[ns]")
			.containsEntry("at", "datetime64[ns, Europe/Berlin]").containsEntry("delay", "timedelta64[ns]")
			.containsEntry("ok", "bool");
		Table back = (Table) frames.call("echo", sales);
		assertThat(back).isEqualTo(sales);
		Table built = Table.of(Map.of("price", new double[] { 1, 2 }));
		assertThat(frames.call("describe", built)).isEqualTo(Map.of("type", "DataFrame", "dtypes",
				Map.of("price", "float64"), "values", Map.of("price", List.of(1.0, 2.0)), "rows", 2));
	}

	@Test
	void manyRecordsBecomeADataFrameWhereTheParameterSaysSoElseDicts() {
		record Item(String name, double price, int count, LocalDateTime at) {
		}
		List<Item> items = new ArrayList<>();
		for (int i = 0; i < 5000; i++) {
			items.add(new Item("item" + i, i * 0.5, i, LocalDateTime.of(2024, 1, 1, 0, 0).plusMinutes(i)));
		}
		@SuppressWarnings("unchecked")
		Map<String, Object> total = (Map<String, Object>) frames.call("total", items);
		assertThat(total).containsEntry("type", "DataFrame").containsEntry("rows", 5000)
			.containsEntry("sum", 0.5 * 4999 * 5000 / 2);
		assertThat(total.get("dtypes")).isEqualTo(
				Map.of("name", "object", "price", "float64", "count", "int32", "at", "datetime64[ns]"));
		@SuppressWarnings("unchecked")
		Map<String, Object> few = (Map<String, Object>) frames.call("total", items.subList(0, 10)); // sent as JSON
		assertThat(few).containsEntry("type", "DataFrame").containsEntry("rows", 10);
		@SuppressWarnings("unchecked")
		Map<String, Object> first = (Map<String, Object>) frames.call("first_row", items);
		assertThat(first).containsEntry("type", "list").containsEntry("rows", 5000);
		assertThat(first.get("first")).isEqualTo(
				Map.of("name", "item0", "price", 0.0, "count", 0, "at", LocalDateTime.of(2024, 1, 1, 0, 0)));
	}

	@Test
	void aTableForAWorkerWithoutPandasFailsNamingPandas() {
		try (PythonBridge plain = TestBridges.builder().build()) {
			Table table = Table.of(Map.of("x", new double[] { 1 }));
			assertThatThrownBy(() -> plain.module("tools.py").call("echo", table))
				.isInstanceOf(PythonException.class)
				.hasMessageContaining("pandas");
		}
	}

}
