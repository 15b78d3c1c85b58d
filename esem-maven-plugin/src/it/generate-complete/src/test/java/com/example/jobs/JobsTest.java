package com.example.jobs;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.example.jobs.python.Jobs;
import com.example.jobs.python.Native;
import dev.esem.Kwargs;
import dev.esem.PyModule;
import dev.esem.PythonBridge;
import dev.esem.annotation.PythonBatch;
import dev.esem.annotation.PythonTimeout;

import static org.assertj.core.api.Assertions.assertThat;

/** Each construct of the generated interface, called through a real worker. */
class JobsTest {

	private static PythonBridge python;

	private static PyModule module;

	private static Jobs jobs;

	@BeforeAll
	static void start() {
		python = PythonBridge.builder().pythonPath(Path.of("src/main/resources/python")).build();
		module = python.module("jobs.py");
		jobs = module.bind(Jobs.class);
	}

	@AfterAll
	static void stop() {
		python.close();
	}

	@Test
	void constructorPropertyVarargsKwargsCallbackTupleRecordAndEnum() {
		try (Jobs.Worker worker = jobs.newWorker("w1")) {
			assertThat(worker.getBusy()).isFalse();
			Jobs.RunResult result = worker.run(new Jobs.Job(7, Jobs.Priority.HIGH), Kwargs.of("retries", 2), "fetch", "store");
			assertThat(result).isEqualTo(new Jobs.RunResult(7, "fetch/store;retries=2"));
			assertThat(worker.getBusy()).isTrue();
			List<Number> done = new CopyOnWriteArrayList<>();
			worker.onDone(done::add);
			assertThat(done).singleElement().satisfies((id) -> assertThat(id.longValue()).isEqualTo(7));
		}
	}

	@Test
	void everyOtherConstruct() throws Exception {
		assertThat(jobs.getLimit()).isEqualTo(8);
		assertThat(jobs.submit("build", Kwargs.of("by", "ci"), "fast", "nightly")).isEqualTo("build#fast#nightly by=ci");
		assertThat(jobs.schedule(Jobs.When.later, "later"::equals)).isTrue();
		assertThat(jobs.bump(Jobs.Priority.LOW)).isEqualTo(Jobs.Priority.HIGH);
		assertThat(jobs.split(new Jobs.PairTuple("a", 1))).isEqualTo(new Jobs.SplitResult(1, "a"));
		assertThat(jobs.describe(3)).isEqualTo("int");
		assertThat(jobs.describe("three")).isEqualTo("str");
		assertThat(jobs.counts(Map.of("a", 2L, "b", 3L))).isEqualTo(5);
		assertThat(jobs.digest(new byte[] { 1, 2, 3 })).isEqualTo(3);
		assertThat(jobs.eventually(1).get()).isEqualTo(2);
		try (Jobs.AccumulateGenerator totals = jobs.accumulate()) {
			assertThat(totals.next()).isZero();
			assertThat(totals.send(4L)).isEqualTo(4);
			assertThat(totals.send(3L)).isEqualTo(7);
		}
		assertThat(jobs.parse("10")).isEqualTo(10);
		assertThat(jobs.parse("10", 2)).isEqualTo(2);
		assertThat(python.module("native.py").bind(Native.class).norm(List.of(3.0, 4.0))).isEqualTo(5.0);
	}

	@Test
	void aBatchedFunctionTakesOneItemPerCall() {
		assertThat(jobs.crunch(2.5)).isEqualTo(5.0);
		List<CompletableFuture<Double>> calls = IntStream.range(0, 16)
			.mapToObj((i) -> CompletableFuture.supplyAsync(() -> jobs.crunch(i)))
			.toList();
		for (int i = 0; i < calls.size(); i++) {
			assertThat(calls.get(i).join()).as("item %d comes back to its own caller", i).isEqualTo(2.0 * i);
		}
	}

	@Test
	void functionOptionsAreAnnotations() throws Exception {
		var crunch = Jobs.class.getMethod("crunch", double.class);
		assertThat(crunch.getAnnotation(PythonTimeout.class).value()).isEqualTo("750ms");
		assertThat(crunch.getAnnotation(PythonBatch.class).maxSize()).isEqualTo(64);
		assertThat(crunch.getAnnotation(PythonBatch.class).maxDelay()).isEqualTo("5ms");
		var run = Jobs.Worker.class.getMethod("run", Jobs.Job.class, Kwargs.class, String[].class);
		assertThat(run.getAnnotation(PythonTimeout.class).value()).isEqualTo("2s");
	}

}
