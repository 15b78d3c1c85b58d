package dev.esem.benchmarks;

/**
 * One measured figure and the floor it is compared with in the same run.
 *
 * @param name what was measured
 * @param value the figure
 * @param unit its unit
 * @param floor what it is compared with
 * @param floorValue the floor, in the same unit
 * @param atMost the highest ratio (value / floor) the target allows, or {@code null}
 * @param atLeast the lowest ratio the target allows, or {@code null}
 */
record Figure(String name, double value, String unit, String floor, double floorValue, Double atMost,
		Double atLeast) {

	static Figure atMost(String name, double value, String unit, String floor, double floorValue, double limit) {
		return new Figure(name, value, unit, floor, floorValue, limit, null);
	}

	static Figure atLeast(String name, double value, String unit, String floor, double floorValue, double limit) {
		return new Figure(name, value, unit, floor, floorValue, null, limit);
	}

	/** A figure shown for comparison only. */
	static Figure info(String name, double value, String unit, String floor, double floorValue) {
		return new Figure(name, value, unit, floor, floorValue, null, null);
	}

	double ratio() {
		return this.value / this.floorValue;
	}

	/** Whether the target is met, or {@code null} when the figure has none. */
	Boolean met() {
		if (this.atMost != null) {
			return ratio() <= this.atMost;
		}
		if (this.atLeast != null) {
			return ratio() >= this.atLeast;
		}
		return null;
	}

	String target() {
		if (this.atMost != null) {
			return String.format("<= %.2f", this.atMost);
		}
		if (this.atLeast != null) {
			return String.format(">= %.2f", this.atLeast);
		}
		return "-";
	}

}
