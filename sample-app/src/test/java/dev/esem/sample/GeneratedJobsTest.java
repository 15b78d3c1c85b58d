// tag::jobs-usage[]
package dev.esem.sample;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.esem.Kwargs;
import dev.esem.PythonBridge;
import dev.esem.sample.python.Jobs;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GeneratedJobsTest {

	@Test
	void callsEveryKindOfGeneratedMethod() throws Exception {
		try (PythonBridge python = PythonBridge.builder().pythonPath(Path.of("src/main/resources/python")).build()) {
			Jobs jobs = python.module("jobs.py").bind(Jobs.class);
			try (Jobs.Worker worker = jobs.newWorker("w1")) { // Python: Worker("w1"), threads=2 by default
				Jobs.RunResult result = worker.run(new Jobs.Job(7, Jobs.Priority.HIGH), Kwargs.of("retries", 2),
						"fetch", "store"); // run(job, "fetch", "store", retries=2)
				assertThat(result).isEqualTo(new Jobs.RunResult(7, "fetch/store;retries=2"));
				assertThat(worker.getBusy()).isTrue();
				List<Number> done = new CopyOnWriteArrayList<>();
				worker.onDone(done::add); // an int reaches a Java callback as a Number
				assertThat(done).containsExactly(7);
			}
			assertThat(jobs.getLimit()).isEqualTo(8);
			assertThat(jobs.submit("build", Kwargs.of("by", "ci"), "fast")).isEqualTo("build#fast by=ci");
			assertThat(jobs.schedule(Jobs.When.later, "later"::equals)).isTrue();
			assertThat(jobs.bump(Jobs.Priority.LOW)).isEqualTo(Jobs.Priority.HIGH);
			assertThat(jobs.describe(3)).isEqualTo("int");
			assertThat(jobs.describe("three")).isEqualTo("str");
			assertThat(jobs.eventually(1).get()).isEqualTo(2);
			try (Jobs.AccumulateGenerator totals = jobs.accumulate()) {
				assertThat(totals.next()).isZero();
				assertThat(totals.send(4L)).isEqualTo(4);
			}
			assertThat(jobs.parse("ff", 16)).isEqualTo(255);
		}
	}

}
// end::jobs-usage[]
