package dev.esem;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConcurrencyTest {

	static PythonBridge python;

	static PyModule tools;

	@BeforeAll
	static void start() {
		python = TestBridges.builder().build();
		tools = python.module("tools.py");
	}

	@AfterAll
	static void stop() {
		python.close();
	}

	@Test
	void thousandsOfCallsFromManyThreadsGetTheirOwnReplies() throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(16);
		try {
			List<Future<Boolean>> results = new ArrayList<>();
			for (int thread = 0; thread < 16; thread++) {
				int base = thread * 1000;
				results.add(threads.submit(() -> {
					List<CompletableFuture<Object>> async = new ArrayList<>();
					for (int i = 0; i < 250; i++) {
						int n = base + i;
						if (i % 2 == 0) {
							assertThat(tools.call("add", n, 1)).isEqualTo(n + 1);
						}
						else {
							async.add(tools.callAsync("echo", "value-" + n));
						}
					}
					for (int i = 0; i < async.size(); i++) {
						assertThat(async.get(i).join()).isEqualTo("value-" + (base + 2 * i + 1));
					}
					return true;
				}));
			}
			for (Future<Boolean> result : results) {
				assertThat(result.get()).isTrue();
			}
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(python.activeCalls()).isZero();
	}

}
