package dev.esem.internal.worker;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** One timer task per worker still times out each call at its own deadline. */
class CallTimeoutsTest {

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

	private final Map<Long, Call> pending = new ConcurrentHashMap<>();

	private final List<Long> timedOut = new CopyOnWriteArrayList<>();

	private final CallTimeouts timeouts = new CallTimeouts(this.pending.values(), this.timer, call -> {
		if (this.pending.remove(call.id) != null) {
			this.timedOut.add(call.id);
		}
	});

	@AfterEach
	void stop() {
		this.timer.shutdownNow();
	}

	private Call send(long id, Duration timeout) {
		Call call = new Call(CallTarget.internal("test"), null, timeout, ResultReader.VALUES);
		call.sentAs(null, id, false);
		this.pending.put(id, call);
		this.timeouts.watch(call);
		return call;
	}

	@Test
	void aShorterDeadlineWatchedLaterFiresFirstAndTheLongerOneStillFires() {
		send(1, Duration.ofMillis(600));
		send(2, Duration.ofMillis(50));
		await().atMost(Duration.ofMillis(400)).until(() -> this.timedOut.contains(2L));
		assertThat(this.timedOut).containsExactly(2L);
		await().atMost(Duration.ofSeconds(2)).until(() -> this.timedOut.contains(1L));
	}

	@Test
	void callsThatEndedInTimeAreLeftAlone() {
		send(1, Duration.ofMillis(50));
		this.pending.remove(1L);
		send(2, Duration.ofMillis(100));
		await().atMost(Duration.ofSeconds(2)).until(() -> this.timedOut.contains(2L));
		assertThat(this.timedOut).containsExactly(2L);
	}

	@Test
	void noCheckRunsOnceStopped() {
		send(1, Duration.ofMillis(30));
		this.timeouts.stop();
		await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1)).until(this.timedOut::isEmpty);
	}

}
