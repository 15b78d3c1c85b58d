package dev.esem;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A blocking caller reads its own reply, without waiting to be woken, also after a call
 * so long that the worker's reader thread had to read its reply.
 */
class CallerReadsItsReplyTest {

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

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
	void afterALongCallTheCallerReadsItsRepliesAgain() {
		for (int round = 0; round < 3; round++) {
			tools.call("sleep", 0.05); // longer than a caller reads: the reader thread reads the reply
			long waited = waits();
			for (int i = 0; i < 2_000; i++) {
				assertThat(tools.call("add", i, 1)).isEqualTo(i + 1);
			}
			assertThat(waits() - waited).as("times the caller waited to be woken, of 2,000 calls").isLessThan(1_000);
		}
	}

	private static long waits() {
		return THREADS.getThreadInfo(Thread.currentThread().getId()).getWaitedCount();
	}

}
