package dev.esem;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link Table} on its own: factories, columns, rows and strict row conversion. */
class TableTest {

	record Item(String name, double price, int count, LocalDate day) {
	}

	public static class Bean {

		private String name;

		private long count;

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = name;
		}

		public long getCount() {
			return this.count;
		}

		public void setCount(long count) {
			this.count = count;
		}

	}

	@Test
	void columnsKeepTheirOrderAndNumbersBecomeArrays() {
		Map<String, Object> columns = new LinkedHashMap<>();
		columns.put("z", new double[] { 1.5, 2.5 });
		columns.put("a", List.of(1L, 2L));
		columns.put("m", Arrays.asList("x", null));
		columns.put("i", List.of(1, 2));
		Table table = Table.of(columns);
		assertThat(table.columns()).containsExactly("z", "a", "m", "i");
		assertThat(table.rowCount()).isEqualTo(2);
		assertThat(((NDArray) table.column("z")).dtype()).isEqualTo("float64");
		assertThat(((NDArray) table.column("a")).dtype()).isEqualTo("int64");
		assertThat(((NDArray) table.column("i")).dtype()).isEqualTo("int32");
		assertThat(table.column("m")).isEqualTo(Arrays.asList("x", null));
		assertThat(table.rows()).containsExactly(Map.of("z", 1.5, "a", 1L, "m", "x", "i", 1),
				new LinkedHashMap<>(Map.of("z", 2.5, "a", 2L, "i", 2)) {
					{
						put("m", null);
					}
				});
	}

	@Test
	void badColumnsAreRefused() {
		assertThatThrownBy(() -> Table.of(Map.of("a", new double[2], "b", new double[3])))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("equal lengths");
		assertThatThrownBy(() -> Table.of(Map.of("a", NDArray.of(new double[4], 2, 2))))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("one");
		assertThatThrownBy(() -> Table.of(Map.of("a", "text"))).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> Table.of(Map.of("a", new double[1])).column("b"))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("No column 'b'");
	}

	@Test
	void rowsOfRecordsPojosAndMapsRoundTrip() {
		List<Item> items = List.of(new Item("tea", 2.5, 3, LocalDate.of(2024, 1, 1)),
				new Item("coffee", 9.0, 1, LocalDate.of(2024, 1, 2)));
		Table table = Table.ofRows(items);
		assertThat(table.columns()).containsExactly("name", "price", "count", "day");
		assertThat(((NDArray) table.column("count")).dtype()).isEqualTo("int32");
		assertThat(table.rows(Item.class)).isEqualTo(items);
		List<Bean> beans = table.rows(Bean.class);
		assertThat(beans).extracting(Bean::getName, Bean::getCount)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("tea", 3L), org.assertj.core.groups.Tuple.tuple("coffee", 1L));
		assertThat(Table.ofRows(beans).columns()).containsExactlyInAnyOrder("name", "count");
		Table maps = Table.ofRows(List.of(Map.of("a", 1), Map.of("b", "x")));
		assertThat(maps.columns()).containsExactly("a", "b");
		assertThat(maps.column("a")).isEqualTo(Arrays.asList(1, null));
	}

	@Test
	void aRowThatDoesNotFitNamesRowAndColumn() {
		record Count(int count) {
		}
		Table table = Table.of(Map.of("count", Arrays.asList(1L, null)));
		assertThatThrownBy(() -> table.rows(Count.class)).isInstanceOf(PythonConversionException.class)
			.satisfies(ex -> assertThat(((PythonConversionException) ex).path()).isEqualTo("[1].count"));
		record Other(String name) {
		}
		assertThatThrownBy(() -> table.rows(Other.class)).isInstanceOf(PythonConversionException.class)
			.hasMessageContaining("no column 'name'");
	}

	@Test
	void jacksonWritesATableAsItsRows() {
		Table table = Table.of(Map.of("a", new long[] { 7 }));
		assertThat(JsonMapper.builder().build().writeValueAsString(table)).isEqualTo("[{\"a\":7}]");
	}

}
