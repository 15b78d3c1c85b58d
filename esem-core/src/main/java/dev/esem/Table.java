package dev.esem;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.esem.internal.convert.TableRows;
import dev.esem.internal.protocol.TimeColumn;

/**
 * An immutable, columnar table: the Java side of a pandas {@code DataFrame}. A DataFrame
 * that Python returns comes back as one (its columns travel as raw binary data, not as
 * a JSON object per row), and a Table passed to Python arrives as a DataFrame with the
 * same dtypes.
 * <p>
 * A bool, int, uint or float column is an {@link NDArray}; any other column a
 * {@code List<Object>} of Java values ({@code String}, {@code LocalDateTime},
 * {@code OffsetDateTime}, {@code Duration}, {@code LocalDate}, {@code BigDecimal},
 * {@code Boolean}, {@code Long}...), {@code null} where a value is missing. A numeric
 * column with a missing value (pandas' {@code Int64}, {@code boolean}) is such a list.
 * Written by Jackson (in a Spring response body, say), a table is the list of its rows.
 */
public final class Table {

	private final Map<String, Object> columns;

	private final List<String> names;

	private final int rowCount;

	private Table(Map<String, Object> columns, int rowCount) {
		this.columns = columns;
		this.names = List.copyOf(columns.keySet());
		this.rowCount = rowCount;
	}

	/**
	 * A table of {@code columns}, in their map's order: each an {@link NDArray} of one
	 * dimension, a primitive array ({@code double[]}, {@code float[]}, {@code long[]},
	 * {@code int[]}, {@code boolean[]}) or a {@code List}. A list of numbers or booleans
	 * without {@code null} becomes an {@code NDArray} ({@code Double} float64,
	 * {@code Float} float32, {@code Integer} int32, {@code Long} or mixed int64,
	 * {@code Boolean} bool). Lists are copied.
	 * @throws IllegalArgumentException when the columns differ in length or one is of
	 * another type
	 */
	public static Table of(Map<String, ?> columns) {
		Map<String, Object> copy = new LinkedHashMap<>();
		int rows = -1;
		for (Map.Entry<String, ?> entry : columns.entrySet()) {
			String name = entry.getKey();
			if (name == null) {
				throw new IllegalArgumentException("A table column needs a name");
			}
			Object column = column(name, entry.getValue());
			int length = (column instanceof NDArray array) ? array.size() : ((List<?>) column).size();
			if (rows >= 0 && length != rows) {
				throw new IllegalArgumentException("Column '" + name + "' has " + length + " values, the columns before it "
						+ rows + ": a table's columns have equal lengths");
			}
			rows = length;
			copy.put(name, column);
		}
		return new Table(Collections.unmodifiableMap(copy), Math.max(rows, 0));
	}

	/**
	 * A table of {@code rows}: records, POJOs or {@code Map}s, one column per record
	 * component (in declaration order), POJO property or map key (in order of first
	 * appearance; a row without a key has {@code null} there).
	 */
	public static Table ofRows(List<?> rows) {
		return of(TableRows.columnsOf(rows));
	}

	/** The column names, in order. */
	public List<String> columns() {
		return this.names;
	}

	public int rowCount() {
		return this.rowCount;
	}

	/**
	 * The column {@code name}: an {@link NDArray} for a bool, int, uint or float column,
	 * else an unmodifiable {@code List<Object>} with {@code null} for missing values.
	 * @throws IllegalArgumentException when there is no such column
	 */
	public Object column(String name) {
		Object column = this.columns.get(name);
		if (column == null) {
			throw new IllegalArgumentException("No column '" + name + "' in a table of columns " + this.names);
		}
		return column;
	}

	/** The rows, each a map of column name to value (a number of an NDArray column boxed). */
	@JsonValue
	public List<Map<String, Object>> rows() {
		List<IntFunction<Object>> readers = new ArrayList<>(this.names.size());
		for (String name : this.names) {
			readers.add(TableRows.reader(this.columns.get(name)));
		}
		List<Map<String, Object>> rows = new ArrayList<>(this.rowCount);
		for (int i = 0; i < this.rowCount; i++) {
			Map<String, Object> row = new LinkedHashMap<>();
			for (int c = 0; c < readers.size(); c++) {
				row.put(this.names.get(c), readers.get(c).apply(i));
			}
			rows.add(row);
		}
		return rows;
	}

	/**
	 * The rows as records, POJOs or maps of {@code type}, converted strictly as typed
	 * results are: a value that does not fit fails with a {@link PythonConversionException}
	 * naming its row and column ({@code [1].n}).
	 */
	public <R> List<R> rows(Class<R> type) {
		return TableRows.rows(this, type);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Table table && this.rowCount == table.rowCount && this.names.equals(table.names)
				&& this.columns.equals(table.columns);
	}

	@Override
	public int hashCode() {
		return this.columns.hashCode();
	}

	@Override
	public String toString() {
		return "Table" + this.names + " of " + this.rowCount + " rows";
	}

	private static Object column(String name, Object column) {
		if (column instanceof NDArray array) {
			if (array.shape().length != 1) {
				throw new IllegalArgumentException("Column '" + name + "' is an NDArray of " + array.shape().length
						+ " dimensions: a table column has one");
			}
			return array;
		}
		if (column instanceof double[] values) {
			return NDArray.of(values);
		}
		if (column instanceof float[] values) {
			return NDArray.of(values);
		}
		if (column instanceof long[] values) {
			return NDArray.of(values);
		}
		if (column instanceof int[] values) {
			return NDArray.of(values);
		}
		if (column instanceof boolean[] values) {
			return NDArray.of(values);
		}
		if (column instanceof TimeColumn times) {
			return times; // immutable already
		}
		if (column instanceof Collection<?> values) {
			Object numbers = TableRows.asArray(values);
			return (numbers != null) ? numbers : Collections.unmodifiableList(new ArrayList<>(values));
		}
		throw new IllegalArgumentException("Column '" + name + "' is a "
				+ ((column != null) ? column.getClass().getName() : "null")
				+ ": a table column is an NDArray, a primitive array or a List");
	}

}
