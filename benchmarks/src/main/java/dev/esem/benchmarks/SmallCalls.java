package dev.esem.benchmarks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.esem.NDArray;
import dev.esem.PyModule;

/**
 * The small-call figures alone ({@code --only small}): the construct cycle, the pipelined
 * calls, a call with one callback and a small-array call, each against the floor it has
 * in the full run, with the allocation per call of each; and the start-up.
 */
final class SmallCalls {

	private static final byte[] ECHO_LINE = "{\"id\":12345,\"op\":\"call\",\"mod\":\"bench\",\"fn\":\"add\",\"args\":[12345,1]}\n"
		.getBytes(StandardCharsets.US_ASCII);

	private static final int IN_FLIGHT = 1_000;

	private final String python;

	private final Rounds rounds;

	private final boolean quick;

	SmallCalls(String python, Rounds rounds, boolean quick) {
		this.python = python;
		this.rounds = rounds;
		this.quick = quick;
	}

	private int scaled(int full) {
		return this.quick ? Math.max(1, full / 5) : full;
	}

	Report run() throws Exception {
		Path scripts = Scripts.extract();
		List<Figure> figures = new ArrayList<>();
		try (EsemLoad esem = new EsemLoad(this.python, scripts, 1);
				LinePeer json = new LinePeer(this.python, scripts.resolve("json_loop.py"))) {
			int calls = scaled(20_000);
			int cycles = calls / 4;
			Benchmarks.progress("sequential calls and construct cycles");
			double[] m = this.rounds.medians(() -> json.roundTripMicros(ECHO_LINE, calls),
					() -> esem.sequentialMicros(calls), () -> esem.cycleMicros(cycles),
					() -> esem.pipelinedCycleMicros(cycles));
			figures.add(Figure.atMost("esem sequential call (blocking add)", m[1], "us", "bare JSON loop", m[0], 1.0));
			// the waiting construct is two round trips: the target is the pipelined one's
			figures.add(Figure.info(Benchmarks.WAITING_CYCLE, m[2], "us", "a blocking esem call", m[1]));
			figures.add(Figure.atMost(Benchmarks.PIPELINED_CYCLE, m[3], "us", "a blocking esem call", m[1], 2.0));

			int pipelined = scaled(100_000);
			Benchmarks.progress("pipelined calls");
			double[] p = this.rounds.medians(
					() -> json.pipelinedPerSecond(pipelined, IN_FLIGHT, SmallCalls::addRequest),
					() -> esem.pipelinedPerSecond(pipelined, IN_FLIGHT));
			figures.add(Figure.atLeast("esem pipelined throughput (callAsync, 1,000 in flight)", p[1], "calls/s",
					"bare JSON loop, pipelined", p[0], 0.8));

			FlowsLoad flows = new FlowsLoad(esem);
			int callbacks = scaled(5_000);
			Benchmarks.progress("callbacks");
			double[] c = this.rounds.medians(() -> flows.plainMicros(callbacks), () -> flows.callbackMicros(callbacks));
			figures.add(Figure.atMost("a call that invokes one Java callback", c[1], "us", "a plain call", c[0], 2.5));

			PyModule model = esem.bridge.module("model_bench");
			NDArray input = NDArray.of(new float[16], 1, 16);
			int arrays = scaled(10_000);
			Benchmarks.progress("small-array calls");
			double[] a = this.rounds.medians(() -> micros(arrays, () -> model.call("add", 1, 2)),
					() -> micros(arrays, () -> head(model, input)));
			figures.add(Figure.atMost("1x16 float32 NDArray in, 1x4 ndarray out", a[1], "us", "a scalar call", a[0],
					2.0));

			Benchmarks.progress("allocation per call");
			System.err.printf("allocated per call, in all threads: add %.0f B, construct+call+release %.0f B, "
					+ "the same with a pipelined construct %.0f B, "
					+ "pipelined add %.0f B, callback call %.0f B, small-array call %.0f B%n",
					Allocations.perCall(calls, () -> esem.sequentialMicros(calls))[1],
					Allocations.perCall(cycles, () -> esem.cycleMicros(cycles))[1],
					Allocations.perCall(cycles, () -> esem.pipelinedCycleMicros(cycles))[1],
					Allocations.perCall(pipelined, () -> esem.pipelinedPerSecond(pipelined, IN_FLIGHT))[1],
					Allocations.perCall(callbacks, () -> flows.callbackMicros(callbacks))[1],
					Allocations.perCall(arrays, () -> micros(arrays, () -> head(model, input)))[1]);
		}
		new RoundThree(this.python, scripts, this.rounds, this.quick).startUp(figures);
		return new Report(Machine.of(this.python), figures, null, this.quick);
	}

	private static void head(PyModule model, NDArray input) {
		NDArray out = (NDArray) model.call("head", input);
		if (out.size() != 4) {
			throw new IllegalStateException("head returned " + out);
		}
	}

	private static double micros(int count, Runnable call) {
		long begin = System.nanoTime();
		for (int i = 0; i < count; i++) {
			call.run();
		}
		return (System.nanoTime() - begin) / 1e3 / count;
	}

	private static byte[] addRequest(int id) {
		return ("{\"id\":" + id + ",\"op\":\"call\",\"mod\":\"bench\",\"fn\":\"add\",\"args\":[" + id + ",1]}\n")
			.getBytes(StandardCharsets.US_ASCII);
	}

}
