package dev.esem.internal.protocol;

/**
 * The tags of non-JSON values on the wire; see docs/protocol.md. The values of
 * {@link #BYTES}, {@link #STRING}, {@link #NUMBERS} and {@link #NDARRAY} are the index of a
 * binary segment of the frame.
 */
final class Tags {

	static final String KEY = "$t";

	static final String VALUE = "v";

	static final String BYTES = "bytes";

	static final String SET = "set";

	static final String DECIMAL = "dec";

	static final String DATE = "date";

	static final String TIME = "time";

	static final String DATETIME = "dt";

	static final String DICT = "dict";

	static final String UUID = "uuid";

	static final String DURATION = "td";

	static final String NDARRAY = "nd";

	static final String STRING = "str";

	static final String NUMBERS = "nums";

	/** A table, columnar: a DataFrame (see {@link TableCodec}). */
	static final String TABLE = "table";

	/** Records for a call parameter, columnar: a DataFrame or a list of dicts in Python. */
	static final String ROWS = "rows";

	/** One column of a table: a pandas Series, a numpy array of strings or datetimes. */
	static final String COLUMN = "col";

	/** A value that has no Java value; its payload says why. */
	static final String FAIL = "fail";

	static final String DTYPE = "dtype";

	static final String SHAPE = "shape";

	static final String REF = "ref";

	/** A Java function that Python holds as a callable. */
	static final String FUNCTION = "fn";

	private Tags() {
	}

}
