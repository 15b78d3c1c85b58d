package dev.esem.sample.segments;

import java.util.List;

import dev.esem.NDArray;
import dev.esem.annotation.PythonModule;

// tag::segments-interface[]
/** The functions of {@code segments.py}: a k-means model that every worker trains at startup. */
@PythonModule("segments.py")
public interface Segments {

	/** {@code segment(customers)}: the NDArray arrives as a numpy array, the dataclass comes back as a record. */
	Assignment segment(NDArray customers);

	/** {@code centers()}: a 2-D float64 ndarray, read as {@code double[][]}. */
	double[][] centers();

	/** The fields of the Python dataclass {@code Assignment}; its numpy arrays become Java arrays. */
	record Assignment(int[] segments, List<String> names, double[] distances) {
	}

}
// end::segments-interface[]
