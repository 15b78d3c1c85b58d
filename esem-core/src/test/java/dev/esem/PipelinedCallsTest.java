package dev.esem;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Many asynchronous calls in flight on one worker: the worker answers a run of quick
 * calls read together in a few writes, and a quick call's reply never waits for another
 * function that runs after it.
 */
class PipelinedCallsTest {

	static PythonBridge python;

	static PyModule tools;

	@BeforeAll
	static void start() {
		python = TestBridges.builder().build();
		tools = python.module("tools.py");
		assertThat(tools.call("add", 1, 1)).isEqualTo(2); // imported: add is quick from now on
	}

	@AfterAll
	static void stop() {
		python.close();
	}

	@Test
	void aThousandCallsInFlightEachGetTheirOwnReply() throws Exception {
		Semaphore window = new Semaphore(1_000);
		List<CompletableFuture<Object>> calls = new ArrayList<>();
		for (int i = 0; i < 20_000; i++) {
			window.acquire();
			calls.add(tools.callAsync("add", i, 1).whenComplete((value, failure) -> window.release()));
		}
		for (int i = 0; i < calls.size(); i++) {
			assertThat(calls.get(i).get(30, TimeUnit.SECONDS)).isEqualTo(i + 1);
		}
		assertThat(python.activeCalls()).isZero();
	}

	@Test
	void theRepliesOfQuickCallsDoNotWaitForAnotherFunctionThatRunsAfterThem() {
		List<CompletableFuture<Object>> quick = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			quick.add(tools.callAsync("add", i, 1));
		}
		CompletableFuture<Object> slow = tools.callAsync("sleep", 3.0);
		await().atMost(Duration.ofSeconds(20)).until(() -> quick.stream().allMatch(CompletableFuture::isDone));
		assertThat(slow).as("the replies came while the slow call still ran").isNotDone();
		assertThat(quick.get(199).join()).isEqualTo(200);
		slow.join();
	}

	@Test
	void theRepliesOfQuickCallsDoNotWaitForTheNextRequest() throws Exception {
		for (int round = 0; round < 50; round++) {
			List<CompletableFuture<Object>> calls = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				calls.add(tools.callAsync("add", i, round));
			}
			for (int i = 0; i < calls.size(); i++) {
				assertThat(calls.get(i).get(10, TimeUnit.SECONDS)).isEqualTo(i + round);
			}
		}
	}

}
