package dev.esem.sample;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.esem.BatchedFunction;
import dev.esem.PyObject;
import dev.esem.PythonBridge;
import dev.esem.monitor.WorkerInfo;
import dev.esem.sample.segments.SegmentModel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The plain-Java examples of serving-models.md, run against a real Python. */
class ServingExamplesTest {

	@Test
	void aReplicatedModelInPlainJava() {
		// tag::replicated-plain[]
		try (PythonBridge python = PythonBridge.builder().pythonPath(Path.of("src/main/resources/python")).workers(2).build()) {
			SegmentModel model = python.module("segments.py")
				.factory("SegmentModel", SegmentModel.class)
				.replicated(7); // trained in both workers, and in any worker started later
			SegmentModel.CustomerSegment loyal = model.segmentOne(new double[] { 170, 12 });
			assertThat(loyal.name()).isEqualTo("loyal");
			assertThat(python.workers()).extracting(WorkerInfo::replicas).containsExactly(1, 1);
			model.release(); // ends every replica
		}
		// end::replicated-plain[]
	}

	@Test
	void aBatchedFunctionFromTheDynamicApi() {
		try (PythonBridge python = Examples.bridge().build()) {
			// tag::batched-dynamic[]
			PyObject model = python.module("segments.py").constructReplicated("SegmentModel", 7);
			BatchedFunction segmentEach = model.batched("segment_each", 64, Duration.ofMillis(2));
			List<CompletableFuture<Object>> segments = new ArrayList<>();
			for (double[] customer : new double[][] { { 12.5, 1 }, { 80, 4 }, { 170, 12 } }) {
				segments.add(segmentEach.callAsync(customer)); // one Python call for the three, or a few
			}
			Map<?, ?> regular = (Map<?, ?>) segments.get(1).join(); // a dataclass, as a map
			assertThat(regular.get("name")).isEqualTo("regular");
			// end::batched-dynamic[]
			model.release();
		}
	}

}
