package dev.esem.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.esem.PyModule;
import dev.esem.PythonBridge;
import dev.esem.Table;

/**
 * DataFrames and records against the raw pipe floor of their bytes one way: a
 * 1,000,000 x 5 float64 DataFrame (40 MB) to a {@code Table} and to records, and
 * 1,000,000 Java records into a {@code pandas.DataFrame} parameter. They need an
 * interpreter with pandas (Debian's {@code /usr/bin/python3} by default).
 */
final class TableFigures {

	static final int ROWS = 1_000_000;

	private static final int BYTES = ROWS * 5 * 8;

	/** One row of the DataFrame, as a record. */
	record Row(double a, double b, double c, double d, double e) {
	}

	/** The typed view of {@code tables_bench}. */
	interface Frames {

		List<Row> frame(int rows);

	}

	private final String python;

	private final Rounds rounds;

	TableFigures(String python, Rounds rounds) {
		this.python = python;
		this.rounds = rounds;
	}

	/** Whether the interpreter has pandas; says how to get it when it has not. */
	boolean available() throws Exception {
		Process check = new ProcessBuilder(this.python, "-c", "import pandas").redirectErrorStream(true).start();
		if (check.waitFor() == 0) {
			return true;
		}
		System.err.println("table figures not measured: " + this.python + " cannot import pandas (install Debian's "
				+ "python3-pandas, or name an interpreter with pandas with --data-python)");
		return false;
	}

	void measure(Path scripts, List<Figure> figures) throws Exception {
		List<Row> records = new ArrayList<>(ROWS);
		for (int i = 0; i < ROWS; i++) {
			records.add(new Row(i, i + 0.5, -i, i * 2.0, 1.0 / (i + 1)));
		}
		byte[] bytes = new byte[BYTES];
		new java.util.Random(7).nextBytes(bytes);
		try (PythonBridge bridge = PythonBridge.builder()
			.python(this.python)
			.pythonPath(scripts)
			.workingDirectory(scripts)
			.maxFrameBytes(256 << 20)
			.build(); BulkPeer pipe = new BulkPeer(this.python, scripts)) {
			PyModule tables = bridge.module("tables_bench");
			Frames typed = tables.bind(Frames.class);
			System.err.println("measuring tables...");
			double[] m = this.rounds.medians(() -> pipe.fromPythonMillis(BYTES),
					() -> timed(() -> check(((Table) tables.call("frame", ROWS)).rowCount())),
					() -> timed(() -> check(typed.frame(ROWS).size())), () -> pipe.toPythonMillis(bytes),
					() -> timed(() -> check(((Number) tables.call("rows", records)).intValue())),
					() -> timed(() -> check(((Table) tables.call("row_major_frame", ROWS)).rowCount())));
			String fromPython = "raw pipe, 40,000,000 bytes from Python";
			figures.add(Figure.atMost("1,000,000 x 5 float DataFrame -> Table", m[1], "ms", fromPython, m[0], 2.0));
			figures.add(Figure.atMost("1,000,000 x 5 float DataFrame -> List<record>", m[2], "ms", fromPython, m[0],
					4.0));
			figures.add(Figure.atMost("1,000,000 Java records -> pandas.DataFrame parameter", m[4], "ms",
					"raw pipe, 40,000,000 bytes to Python", m[3], 4.0));
			figures.add(Figure.info("the same DataFrame from a row-major 2-D array -> Table", m[5], "ms", fromPython,
					m[0]));
		}
	}

	private static void check(int rows) {
		if (rows != ROWS) {
			throw new IllegalStateException("Expected " + ROWS + " rows, got " + rows);
		}
	}

	private static double timed(Runnable work) {
		long begin = System.nanoTime();
		work.run();
		return (System.nanoTime() - begin) / 1e6;
	}

}
