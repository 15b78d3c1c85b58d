package dev.esem.sample.segments;

import java.util.List;

import dev.esem.NDArray;
import dev.esem.PythonInstance;
import dev.esem.annotation.PythonBatch;
import dev.esem.annotation.PythonClass;
import dev.esem.annotation.PythonName;

// tag::segments-interface[]
/** {@code segments.SegmentModel}: a k-means model trained at construction. */
@PythonClass(module = "segments.py", name = "SegmentModel")
public interface SegmentModel extends PythonInstance {

	/** {@code segment(customers)}: the NDArray arrives as a numpy array, the dataclass comes back as a record. */
	Assignment segment(NDArray customers);

	/**
	 * One customer, {@code [monthly spend, visits per month]}: concurrent calls coalesce
	 * into one call of {@code segment_each} with an (n, 2) array of their customers.
	 */
	@PythonBatch(maxSize = 64, maxDelay = "2ms")
	@PythonName("segment_each")
	CustomerSegment segmentOne(double[] customer);

	/** {@code centers()}: a 2-D float64 ndarray, read as {@code double[][]}. */
	double[][] centers();

	/** The fields of the Python dataclass {@code Assignment}; its numpy arrays become Java arrays. */
	record Assignment(int[] segments, List<String> names, double[] distances) {
	}

	/** The fields of the Python dataclass {@code CustomerSegment}. */
	record CustomerSegment(int segment, String name, double distance) {
	}

}
// end::segments-interface[]
