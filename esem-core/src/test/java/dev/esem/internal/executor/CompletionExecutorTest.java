package dev.esem.internal.executor;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class CompletionExecutorTest {

	private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);

	/** This test's own thread names: the threads of another test's executor may still be ending. */
	private final String name = "test-completion-" + System.identityHashCode(this);

	private final CompletionExecutor executor = new CompletionExecutor(this.name, this.timer);

	@AfterEach
	void stop() {
		this.executor.shutdown();
		this.timer.shutdownNow();
	}

	@Test
	void aBurstOfShortTasksRunsOnTheThreadsAlreadyAwakeNotOneThreadEach() throws Exception {
		// the first task holds the only thread until the burst is queued behind it
		CountDownLatch queued = new CountDownLatch(1);
		Set<String> threads = ConcurrentHashMap.newKeySet();
		AtomicInteger ran = new AtomicInteger();
		this.executor.execute(() -> awaitQuietly(queued));
		for (int i = 0; i < 1_000; i++) {
			this.executor.execute(() -> {
				threads.add(Thread.currentThread().getName());
				ran.incrementAndGet();
			});
		}
		queued.countDown();
		await().atMost(Duration.ofSeconds(20)).until(() -> ran.get() == 1_000);
		// a cached thread pool started a thread for every task that found none idle
		assertThat(threads).hasSizeLessThan(50).allMatch(thread -> thread.startsWith(this.name + "-"));
	}

	@Test
	void tasksThatBlockDoNotStarveTheTasksQueuedBehindThem() {
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger blocked = new AtomicInteger();
		int blockers = 8;
		try {
			for (int i = 0; i < blockers; i++) {
				this.executor.execute(() -> {
					blocked.incrementAndGet();
					awaitQuietly(release);
				});
			}
			await().atMost(Duration.ofSeconds(20)).until(() -> blocked.get() == blockers);
			AtomicReference<String> ranOn = new AtomicReference<>();
			this.executor.execute(() -> ranOn.set(Thread.currentThread().getName()));
			await().atMost(Duration.ofSeconds(20)).until(() -> ranOn.get() != null);
			assertThat(ranOn.get()).startsWith(this.name + "-");
		}
		finally {
			release.countDown();
		}
	}

	@Test
	void aTaskHandedToAnIdleThreadOnlyRunsWhenOneWaitsOrTheFirstStarts() {
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger busy = new AtomicInteger();
		assertThat(this.executor.executeIfIdle(() -> {
			busy.incrementAndGet();
			awaitQuietly(release);
		})).as("no thread yet: the first one starts").isTrue();
		try {
			await().atMost(Duration.ofSeconds(20)).until(() -> busy.get() == 1);
			assertThat(this.executor.executeIfIdle(() -> {
			})).as("its only thread is busy").isFalse();
		}
		finally {
			release.countDown();
		}
		AtomicReference<String> ranOn = new AtomicReference<>();
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.executor.executeIfIdle(() -> ranOn.set(Thread.currentThread().getName())));
		await().atMost(Duration.ofSeconds(20)).until(() -> ranOn.get() != null);
		assertThat(ranOn.get()).startsWith(this.name + "-");
		this.executor.shutdown();
		assertThat(this.executor.executeIfIdle(() -> {
		})).as("shut down").isFalse();
	}

	@Test
	void eachTaskGoesToTheThreadThatBecameIdleLast() {
		// two threads, held busy, then idle one after the other: first, then last
		CountDownLatch releaseFirst = new CountDownLatch(1);
		CountDownLatch releaseLast = new CountDownLatch(1);
		AtomicReference<Thread> first = new AtomicReference<>();
		AtomicReference<Thread> last = new AtomicReference<>();
		this.executor.execute(() -> {
			first.set(Thread.currentThread());
			awaitQuietly(releaseFirst);
		});
		await().atMost(Duration.ofSeconds(20)).until(() -> first.get() != null);
		this.executor.execute(() -> {
			last.set(Thread.currentThread());
			awaitQuietly(releaseLast);
		});
		await().atMost(Duration.ofSeconds(20)).until(() -> last.get() != null);
		assertThat(last.get()).isNotSameAs(first.get());
		releaseFirst.countDown();
		await().atMost(Duration.ofSeconds(20)).until(() -> waitsForATask(first.get()));
		releaseLast.countDown();
		await().atMost(Duration.ofSeconds(20)).until(() -> waitsForATask(last.get()));
		// one task at a time: each finds the thread that ran the one before idle again, on top
		for (int i = 0; i < 10; i++) {
			AtomicReference<Thread> ranOn = new AtomicReference<>();
			this.executor.execute(() -> ranOn.set(Thread.currentThread()));
			await().atMost(Duration.ofSeconds(20)).until(() -> ranOn.get() != null);
			assertThat(ranOn.get()).as("task %d", i).isSameAs(last.get());
			await().atMost(Duration.ofSeconds(20)).until(() -> waitsForATask(last.get()));
		}
	}

	/** Whether {@code thread} is parked in the executor, idle (not in a task that waits, as on a latch). */
	private boolean waitsForATask(Thread thread) {
		return LockSupport.getBlocker(thread) == this.executor;
	}

	@Test
	void onceShutDownItRunsTasksOnTheCallingThreadAndItsThreadsEnd() {
		AtomicReference<String> before = new AtomicReference<>();
		this.executor.execute(() -> before.set(Thread.currentThread().getName()));
		await().atMost(Duration.ofSeconds(20)).until(() -> before.get() != null);
		this.executor.shutdown();
		AtomicReference<Thread> after = new AtomicReference<>();
		this.executor.execute(() -> after.set(Thread.currentThread()));
		assertThat(after.get()).isSameAs(Thread.currentThread());
		await().atMost(Duration.ofSeconds(20))
			.until(() -> Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().startsWith(this.name + "-")));
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(60, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
