package dev.esem.benchmarks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.esem.NDArray;

/**
 * Measures esem and its floors in one run and reports each figure with its
 * ratio to its floor.
 */
final class Benchmarks {

	/** A request line of the size and shape of an esem call frame, for the raw pipe floor. */
	private static final byte[] ECHO_LINE = "{\"id\":12345,\"op\":\"call\",\"mod\":\"bench\",\"fn\":\"add\",\"args\":[12345,1]}\n"
		.getBytes(StandardCharsets.US_ASCII);

	private static final int IN_FLIGHT = 1_000;

	/** The figure of the construct cycle whose constructor goes one-way. */
	static final String PIPELINED_CYCLE = "construct + call + release, pipelined construct";

	static final String WAITING_CYCLE = "construct + call + release, waiting construct";

	private static final int BURN_ITERATIONS = 40_000;

	private final String python;

	private final boolean quick;

	private final Rounds rounds;

	/** The interpreter with pandas, for the table figures. */
	private final String dataPython;

	Benchmarks(String python, String dataPython, boolean quick) {
		this.python = python;
		this.dataPython = dataPython;
		this.quick = quick;
		this.rounds = quick ? new Rounds(2, 3) : new Rounds(2, 9);
	}

	Rounds rounds() {
		return this.rounds;
	}

	private int scaled(int full) {
		return this.quick ? Math.max(1, full / 5) : full;
	}

	/** Only the sequential call, not observed, observed without a tracer, and traced. */
	Report tracing() throws Exception {
		Path scripts = Scripts.extract();
		try (EsemLoad esem = new EsemLoad(this.python, scripts, 1)) {
			List<Figure> figures = TracedCalls.figures(this.python, scripts, esem, this.rounds, scaled(20_000));
			return new Report(Machine.of(this.python), figures, null, this.quick);
		}
	}

	Report run() throws Exception {
		Path scripts = Scripts.extract();
		List<Figure> figures = new ArrayList<>();
		Report.Allocation allocation;
		double arrayEcho;
		try (EsemLoad esem = new EsemLoad(this.python, scripts, 1)) {
			allocation = sequential(scripts, esem, figures);
			progress("sequential calls, observed and traced");
			figures.addAll(TracedCalls.figures(this.python, scripts, esem, this.rounds, scaled(20_000)));
			pipelined(scripts, esem, figures);
			payloads(scripts, esem, figures);
			arrayEcho = bulk(scripts, esem, figures);
			flows(esem, figures);
			new RoundThree(this.python, scripts, this.rounds, this.quick).run(esem, figures);
			scaling(scripts, esem, figures);
		}
		System.err.println(ServingLoad.measure(this.python, scripts, this.rounds, this.quick, figures));
		TableFigures tables = new TableFigures(this.dataPython, this.rounds);
		if (tables.available()) {
			tables.measure(scripts, figures);
		}
		return new Report(Machine.of(this.python), figures, allocation.withArrayEcho(arrayEcho), this.quick);
	}

	/** The serving figures alone: batching and replicas. */
	Report serving() throws Exception {
		List<Figure> figures = new ArrayList<>();
		System.err.println(ServingLoad.measure(this.python, Scripts.extract(), this.rounds, this.quick, figures));
		return new Report(Machine.of(this.python), figures, null, this.quick);
	}

	/** The table figures alone. */
	Report runTables() throws Exception {
		List<Figure> figures = new ArrayList<>();
		TableFigures tables = new TableFigures(this.dataPython, this.rounds);
		if (tables.available()) {
			tables.measure(Scripts.extract(), figures);
		}
		return new Report(Machine.of(this.python), figures, null, this.quick);
	}

	/** The start-up figures alone: build() and the first call, against the interpreter's own start. */
	Report runStartUp() throws Exception {
		List<Figure> figures = new ArrayList<>();
		new RoundThree(this.python, Scripts.extract(), this.rounds, this.quick).startUp(figures);
		return new Report(Machine.of(this.python), figures, null, this.quick);
	}

	/** The bulk figures alone: large values through shared memory and the pipe. */
	Report runBulk() throws Exception {
		Path scripts = Scripts.extract();
		List<Figure> figures = new ArrayList<>();
		try (EsemLoad esem = new EsemLoad(this.python, scripts, 1)) {
			bulk(scripts, esem, figures);
		}
		return new Report(Machine.of(this.python), figures, null, this.quick);
	}

	private Report.Allocation sequential(Path scripts, EsemLoad esem, List<Figure> figures) throws Exception {
		int calls = scaled(20_000);
		int cycles = calls / 4;
		int httpCalls = calls / 20;
		try (LinePeer echo = new LinePeer(this.python, scripts.resolve("echo_loop.py"));
				LinePeer json = new LinePeer(this.python, scripts.resolve("json_loop.py"));
				HttpBaseline http = new HttpBaseline(this.python, scripts)) {
			progress("sequential calls");
			double[] m = this.rounds.medians(() -> echo.roundTripMicros(ECHO_LINE, calls),
					() -> json.roundTripMicros(ECHO_LINE, calls), () -> esem.sequentialMicros(calls),
					() -> esem.cycleMicros(cycles), () -> esem.pipelinedCycleMicros(cycles));
			// rounds of its own: the HTTP client's compilation and garbage, which went on
			// for seconds, landed on the batches after it
			progress("the HTTP baseline");
			double[] h = this.rounds.medians(() -> esem.sequentialMicros(calls), () -> http.sequentialMicros(httpCalls));
			double rawPipe = m[0];
			double sequential = m[2];
			figures.add(Figure.info("bare JSON loop, sequential", m[1], "us", "raw pipe round trip", rawPipe));
			figures.add(Figure.info("esem sequential call (blocking add)", sequential, "us", "raw pipe round trip",
					rawPipe));
			figures.add(Figure.atMost("esem sequential call (blocking add)", sequential, "us", "bare JSON loop", m[1],
					1.0));
			// the waiting construct is two round trips: the target is the pipelined one's
			figures.add(Figure.info(WAITING_CYCLE, m[3], "us", "a blocking esem call", sequential));
			figures.add(Figure.atMost(PIPELINED_CYCLE, m[4], "us", "a blocking esem call", sequential, 2.0));
			figures.add(Figure.info("HTTP baseline, sequential add", h[1], "us", "esem sequential call", h[0]));
		}
		progress("allocation per call");
		double[] blocking = Allocations.perCall(calls, () -> esem.sequentialMicros(calls));
		double[] async = Allocations.perCall(calls, () -> esem.pipelinedPerSecond(calls, IN_FLIGHT));
		double[] cycle = Allocations.perCall(cycles, () -> esem.cycleMicros(cycles));
		double[] pipelinedCycle = Allocations.perCall(cycles, () -> esem.pipelinedCycleMicros(cycles));
		return new Report.Allocation(blocking[0], blocking[1], async[1], cycle[1], pipelinedCycle[1], 0);
	}

	private void pipelined(Path scripts, EsemLoad esem, List<Figure> figures) throws Exception {
		int calls = scaled(100_000);
		try (LinePeer json = new LinePeer(this.python, scripts.resolve("json_loop.py"))) {
			progress("pipelined calls");
			double[] m = this.rounds.medians(() -> json.pipelinedPerSecond(calls, IN_FLIGHT, Benchmarks::addRequest),
					() -> esem.pipelinedPerSecond(calls, IN_FLIGHT));
			figures.add(Figure.atLeast("esem pipelined throughput (callAsync, 1,000 in flight)", m[1], "calls/s",
					"bare JSON loop, pipelined", m[0], 0.8));
		}
	}

	private static byte[] addRequest(int id) {
		return ("{\"id\":" + id + ",\"op\":\"call\",\"mod\":\"bench\",\"fn\":\"add\",\"args\":[" + id + ",1]}\n")
			.getBytes(StandardCharsets.US_ASCII);
	}

	private void payloads(Path scripts, EsemLoad esem, List<Figure> figures) throws Exception {
		List<Integer> ints = new ArrayList<>(100_000);
		for (int i = 0; i < 100_000; i++) {
			ints.add(i);
		}
		String text = textOfSize(1 << 20);
		int echoes = this.quick ? 3 : 6;
		try (LinePeer json = new LinePeer(this.python, scripts.resolve("json_cost.py"))) {
			progress("large values");
			double[] m = this.rounds.medians(() -> seconds(json.ask("int_list " + echoes + "\n")) * 1e3,
					() -> esem.echoMillis(ints, echoes), () -> seconds(json.ask("string_1mib " + echoes + "\n")) * 1e3,
					() -> esem.echoMillis(text, echoes));
			figures.add(Figure.atMost("100,000-int list echo", m[1], "ms", "Python json.loads+dumps of it", m[0], 2.0));
			figures.add(Figure.atMost("1 MiB string echo", m[3], "ms", "Python json.loads+dumps of it", m[2], 1.0));
		}
	}

	/**
	 * Bulk values against the raw pipe floor (8,000,000 bytes echoed by a bare Python
	 * loop); returns the bytes allocated, in all threads, per {@code NDArray} echo. The
	 * arrays and the lists take rounds of their own, each with the floor: a million boxed
	 * {@code Double}s left behind by a list batch made the collector charge the array
	 * batch after it, which allocates 8 MB arrays, for them.
	 */
	private double bulk(Path scripts, EsemLoad esem, List<Figure> figures) throws Exception {
		int size = 1_000_000;
		double[] doubles = new double[size];
		for (int i = 0; i < size; i++) {
			doubles[i] = i * 0.5;
		}
		NDArray array = NDArray.of(doubles);
		byte[] bytes = new byte[8 * size];
		new java.util.Random(7).nextBytes(bytes);
		int echoes = this.quick ? 3 : 6;
		try (BulkPeer pipe = new BulkPeer(this.python, scripts)) {
			progress("bulk values");
			double[] a = this.rounds.medians(() -> pipe.echoMillis(bytes, echoes), () -> esem.echoMillis(array, echoes),
					() -> esem.echoMillis(bytes, echoes));
			double[] l = this.rounds.medians(() -> pipe.echoMillis(bytes, echoes), () -> esem.argumentMillis(doubles, echoes),
					() -> esem.floatsMillis(size, echoes));
			String floor = "raw pipe, 8,000,000 bytes echoed";
			figures.add(Figure.atMost("NDArray of 1,000,000 float64 echo", a[1], "ms", floor, a[0], 0.5));
			figures.add(Figure.atMost("8,000,000-byte byte[] echo", a[2], "ms", floor, a[0], 2.0));
			figures.add(Figure.atMost("1,000,000-element double[] argument", l[1], "ms", floor, l[0], 5.0));
			figures.add(Figure.atMost("1,000,000-float list result", l[2], "ms", floor, l[0], 5.0));
		}
		progress("allocation per NDArray echo");
		return Allocations.perCall(echoes, () -> esem.echoMillis(array, echoes))[1];
	}

	private void flows(EsemLoad esem, List<Figure> figures) throws Exception {
		FlowsLoad flows = new FlowsLoad(esem);
		int items = 200_000;
		int calls = scaled(5_000);
		progress("streams, overlapping awaits and callbacks");
		double[] m = this.rounds.medians(() -> flows.listMillis(items), () -> flows.streamMillis(items),
				() -> flows.plainMicros(calls), () -> flows.callbackMicros(calls));
		figures.add(Figure.atMost("streaming 200,000 ints to Java", m[1], "ms", "returning them as one list", m[0], 2.0));
		figures.add(Figure.atMost("a call that invokes one Java callback", m[3], "us", "a plain call", m[2], 2.5));
		// a floor that is a fixed time, not a measure: the sleep itself
		double naps = this.rounds.medians(() -> flows.concurrentNapsMillis(1_000, 0.2))[0];
		figures.add(Figure.atMost("1,000 concurrent await asyncio.sleep(0.2) on one worker", naps, "ms",
				"the sleep itself", 200, 7.5));
	}

	private static double seconds(String reply) {
		return Double.parseDouble(reply.trim());
	}

	/** The same ASCII text as {@code bench.text_of_size} in Python. */
	static String textOfSize(int size) {
		String unit = "the quick brown fox jumps over the lazy dog 0123456789 ";
		return unit.repeat(size / unit.length() + 1).substring(0, size);
	}

	private void scaling(Path scripts, EsemLoad one, List<Figure> figures) throws Exception {
		int calls = scaled(200);
		try (EsemLoad two = new EsemLoad(this.python, scripts, 2)) {
			progress("CPU-bound calls on 1 and 2 workers");
			double[] m = this.rounds.medians(() -> one.burnPerSecond(calls, 8, BURN_ITERATIONS),
					() -> two.burnPerSecond(calls, 8, BURN_ITERATIONS));
			figures.add(Figure.atLeast("CPU-bound calls, 2 workers", m[1], "calls/s", "the same on 1 worker", m[0], 1.6));
		}
	}

	static void progress(String step) {
		System.err.println("measuring " + step + "...");
	}

}
