package dev.esem.benchmarks;

import java.io.File;

import dev.esem.PythonBridge;

/**
 * The esem benchmarks (see docs/performance.md).
 *
 * <pre>
 * java -jar benchmarks.jar [--quick] [--json FILE] [--python EXE] [--data-python EXE] [--only tables|bulk|small|startup]
 * java -jar benchmarks.jar soak [--calls N] [--samples K] [--json FILE] [--python EXE]
 * java -jar benchmarks.jar tracing [--quick] [--python EXE]
 * java -jar benchmarks.jar serving [--quick] [--python EXE]
 * </pre>
 */
public final class Main {

	private Main() {
	}

	public static void main(String[] args) throws Exception {
		// before any logger exists: the workers' INFO lines would drown the figures
		System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
		boolean soak = false;
		boolean tracing = false;
		boolean serving = false;
		boolean quick = false;
		File json = null;
		String python = PythonBridge.defaultPython();
		String dataPython = "/usr/bin/python3"; // Debian's, with python3-pandas
		String only = null;
		long calls = 1_000_000;
		int samples = 20;
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "soak" -> soak = true;
				case "tracing" -> tracing = true;
				case "serving" -> serving = true;
				case "--quick" -> quick = true;
				case "--json" -> json = new File(args[++i]);
				case "--python" -> python = args[++i];
				case "--data-python" -> dataPython = args[++i];
				case "--only" -> {
					only = args[++i];
					if (!only.equals("tables") && !only.equals("bulk") && !only.equals("small")
							&& !only.equals("startup")) {
						System.err.println("--only takes tables, bulk, small or startup");
						System.exit(2);
					}
				}
				case "--calls" -> calls = Long.parseLong(args[++i].replace("_", ""));
				case "--samples" -> samples = Integer.parseInt(args[++i]);
				default -> {
					System.err.println("usage: java -jar benchmarks.jar [--quick] [--json FILE] [--python EXE] [--data-python EXE] "
							+ "[--only tables|bulk|small|startup]\n"
							+ "       java -jar benchmarks.jar soak [--calls N] [--samples K] [--json FILE] [--python EXE]");
					System.exit(2);
				}
			}
		}
		if (soak) {
			System.exit(new Soak(python, calls, samples).run(json) ? 0 : 1);
		}
		Benchmarks benchmarks = new Benchmarks(python, dataPython, quick);
		if (serving) {
			benchmarks.serving().print();
			return;
		}
		Report report = tracing ? benchmarks.tracing()
				: "tables".equals(only) ? benchmarks.runTables() : "bulk".equals(only) ? benchmarks.runBulk()
				: "small".equals(only) ? new SmallCalls(python, benchmarks.rounds(), quick).run()
				: "startup".equals(only) ? benchmarks.runStartUp() : benchmarks.run();
		report.print();
		if (json != null) {
			report.writeJson(json);
		}
	}

}
