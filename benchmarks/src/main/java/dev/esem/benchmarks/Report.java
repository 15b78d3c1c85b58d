package dev.esem.benchmarks;

import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The figures of one run: printed as a table, written as JSON. */
final class Report {

	/**
	 * Bytes allocated on the Java heap per call.
	 *
	 * @param blockingCaller blocking {@code add}: by the calling thread
	 * @param blockingAll blocking {@code add}: by all threads
	 * @param asyncAll pipelined {@code callAsync("add")}: by all threads
	 * @param cycleAll construct + call + release: by all threads
	 * @param pipelinedCycleAll the same with the constructor sent one-way ({@code constructPipelined}): by all
	 * threads
	 * @param arrayEchoAll echo of an {@code NDArray} of 1,000,000 float64 (8,000,000 bytes): by
	 * all threads
	 */
	record Allocation(double blockingCaller, double blockingAll, double asyncAll, double cycleAll,
			double pipelinedCycleAll, double arrayEchoAll) {

		Allocation withArrayEcho(double bytes) {
			return new Allocation(this.blockingCaller, this.blockingAll, this.asyncAll, this.cycleAll,
					this.pipelinedCycleAll, bytes);
		}

	}

	private final List<Figure> figures;

	private final Allocation allocation;

	private final boolean quick;

	private final Machine machine;

	Report(Machine machine, List<Figure> figures, Allocation allocation, boolean quick) {
		this.machine = machine;
		this.figures = figures;
		this.allocation = allocation;
		this.quick = quick;
	}

	void print() {
		System.out.printf("%n%s%s%n", this.machine, this.quick ? " (quick run)" : "");
		System.out.printf("%n%-55s %14s  %-30s %14s %7s %8s %4s%n", "figure", "value", "floor", "floor value", "ratio",
				"target", "met");
		for (Figure figure : this.figures) {
			Boolean met = figure.met();
			System.out.printf("%-55s %14s  %-30s %14s %7.2f %8s %4s%n", figure.name(), format(figure.value(), figure.unit()),
					figure.floor(), format(figure.floorValue(), figure.unit()), figure.ratio(), figure.target(),
					(met == null) ? "" : (met ? "yes" : "NO"));
		}
		if (this.allocation == null) {
			return; // a run of some figures only
		}
		System.out.printf("%nallocated per call: blocking add %.0f B on the caller, %.0f B in all threads; "
				+ "pipelined add %.0f B; construct+call+release %.0f B, with a pipelined construct %.0f B; "
				+ "NDArray echo %,.0f B (%.1f times its 8,000,000 bytes)%n", this.allocation.blockingCaller(),
				this.allocation.blockingAll(), this.allocation.asyncAll(), this.allocation.cycleAll(),
				this.allocation.pipelinedCycleAll(), this.allocation.arrayEchoAll(),
				this.allocation.arrayEchoAll() / 8e6);
	}

	private static String format(double value, String unit) {
		return (value >= 1000 ? String.format("%,.0f", value) : String.format("%.2f", value)) + " " + unit;
	}

	void writeJson(File file) {
		Map<String, Object> root = new LinkedHashMap<>();
		root.put("machine", this.machine);
		root.put("quick", this.quick);
		List<Map<String, Object>> rows = new ArrayList<>();
		for (Figure figure : this.figures) {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("name", figure.name());
			row.put("value", figure.value());
			row.put("unit", figure.unit());
			row.put("floor", figure.floor());
			row.put("floorValue", figure.floorValue());
			row.put("ratio", figure.ratio());
			row.put("atMost", figure.atMost());
			row.put("atLeast", figure.atLeast());
			row.put("met", figure.met());
			rows.add(row);
		}
		root.put("figures", rows);
		root.put("allocatedBytesPerCall", this.allocation);
		JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValue(file, root);
	}

}
