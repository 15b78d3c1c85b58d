package dev.esem.sample.stats;

import dev.esem.PythonInstance;
import dev.esem.annotation.PythonClass;

// tag::stats-interface[]
/** The Python class {@code RunningStats} of {@code stats.py}. */
@PythonClass(module = "stats.py", name = "RunningStats")
public interface RunningStats extends PythonInstance {

	/** Adds a value; returns how many values were pushed. */
	int push(double value);

	Summary summary();

	record Summary(int count, double mean, double variance, double stddev, double min, double max) {
	}

}
// end::stats-interface[]
