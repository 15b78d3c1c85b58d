package dev.esem;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Java functions that Python calls. */
class CallbacksTest {

	private static PythonBridge python;

	private static PyModule hooks;

	@BeforeAll
	static void start() {
		python = TestBridges.builder().build();
		hooks = python.module("hooks.py");
	}

	@AfterAll
	static void stop() {
		python.close();
	}

	record Job(String name, Function<Object, Object> step) {
	}

	@Test
	void everyFunctionalTypeIsAPythonCallable() {
		List<Object> seen = new CopyOnWriteArrayList<>();
		assertThat(hooks.call("apply", (Function<Object, Object>) value -> ((Integer) value) * 2, 21)).isEqualTo(42);
		assertThat(hooks.call("call_each", List.of((Supplier<Object>) () -> "supplied", (Runnable) () -> seen.add("ran"),
				(PythonCallback) args -> args.length))).isEqualTo(java.util.Arrays.asList("supplied", null, 0));
		assertThat(hooks.call("apply", (Predicate<Object>) value -> value.equals("yes"), "yes")).isEqualTo(true);
		hooks.call("apply", (Consumer<Object>) seen::add, "consumed");
		assertThat(seen).containsExactly("ran", "consumed");
		BiFunction<Object, Object, Object> plus = (a, b) -> (Integer) a + (Integer) b;
		assertThat(hooks.call("sort_by", List.of(3, 1, 2), (Function<Object, Object>) value -> -((Integer) value)))
			.isEqualTo(List.of(3, 2, 1));
		assertThat(hooks.call("call_each", List.of((Supplier<Object>) () -> plus.apply(1, 2)))).isEqualTo(List.of(3));
		BiConsumer<Object, Object> pair = (a, b) -> seen.add(a + "=" + b);
		assertThat(hooks.call("apply", (PythonCallback) args -> {
			pair.accept(args[0], "x");
			return null;
		}, "k")).isNull();
		assertThat(seen).contains("k=x");
	}

	@Test
	void functionsInsideRecordsAndMapsCrossToo() {
		Job job = new Job("double", value -> ((Integer) value) * 2);
		assertThat(hooks.call("apply_job", job, 5)).isEqualTo(10);
		assertThat(hooks.call("apply_job", Map.of("name", "neg", "step", (Function<Object, Object>) v -> -(Integer) v), 5))
			.isEqualTo(-5);
	}

	@Test
	void argumentsAndResultsConvertAsCallArgumentsAndResultsDo() {
		assertThat(hooks.call("object_round_trip", (Function<Object, Object>) box -> {
			assertThat(box).isInstanceOf(PyObject.class);
			return box;
		})).isEqualTo(true);
		assertThat(hooks.call("bulk_argument", (Function<Object, Object>) bytes -> ((byte[]) bytes).length, 300_000))
			.isEqualTo(300_000);
		Supplier<Object> supplier = () -> "kept";
		assertThat(hooks.call("echo", supplier)).isSameAs(supplier);
	}

	@Test
	void otherLambdasAreRefusedBeforeAnythingIsSent() {
		java.util.Comparator<Object> comparator = (a, b) -> 0;
		assertThatThrownBy(() -> hooks.call("echo", comparator)).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void aJavaExceptionRaisesJavaExceptionInPythonAndEscapesAsTheCause() {
		IllegalStateException boom = new IllegalStateException("boom");
		assertThat(hooks.call("catch", (Function<Object, Object>) value -> {
			throw boom;
		})).isEqualTo("JavaException: java.lang.IllegalStateException: boom");
		assertThatThrownBy(() -> hooks.call("raise_through", (Function<Object, Object>) value -> {
			throw boom;
		})).isInstanceOf(PythonException.class)
			.satisfies(ex -> assertThat(((PythonException) ex).pythonType()).isEqualTo("JavaException"))
			.hasCause(boom);
	}

	@Test
	void aWrongNumberOfArgumentsIsATypeErrorInPython() {
		assertThat(hooks.call("catch", (Supplier<Object>) () -> "never")).asString().startsWith("TypeError:");
	}

	@Test
	void theFunctionRunsOffTheReadingThreadAndASlowOneDoesNotStallOtherReplies() throws Exception {
		AtomicReference<String> thread = new AtomicReference<>();
		CountDownLatch release = new CountDownLatch(1);
		CompletableFuture<Object> slow = hooks.callAsync("apply", (Function<Object, Object>) value -> {
			thread.set(Thread.currentThread().getName());
			try {
				release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return value;
		}, "slow");
		await().atMost(Duration.ofSeconds(5)).until(() -> thread.get() != null);
		// the worker waits in the callback, serving other calls meanwhile
		assertThat(hooks.call("echo", "quick")).isEqualTo("quick");
		release.countDown();
		assertThat(slow.get()).isEqualTo("slow");
		assertThat(thread.get()).startsWith("esem-completion");
	}

	@Test
	void aCallbackMayCallPythonAgainEightLevelsDeepOnTheSameWorker() {
		Function<Object, Object>[] down = new Function[1];
		down[0] = depth -> hooks.call("nested", depth, down[0]);
		assertThat(hooks.call("nested", 8, down[0])).isEqualTo(8);
	}

	@Test
	void theOuterCallsTimeoutKeepsCountingWhileACallbackRuns() {
		CountDownLatch never = new CountDownLatch(1);
		AtomicBoolean returned = new AtomicBoolean();
		assertThatThrownBy(() -> hooks.withTimeout(Duration.ofMillis(400)).call("apply", (Function<Object, Object>) value -> {
			try {
				never.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			returned.set(true);
			return value;
		}, 1)).isInstanceOf(PythonTimeoutException.class);
		assertThat(returned).as("the outer call ended while the Java function still ran").isFalse();
		never.countDown();
		assertThat(hooks.call("echo", "after")).isEqualTo("after");
	}

	@Test
	void aCallerWhoseJavaFunctionRunsLongWaitsForItsReplyAndGetsIt() throws Exception {
		Thread caller = Thread.currentThread();
		CountDownLatch release = new CountDownLatch(1);
		Thread releaser = new Thread(() -> {
			// the caller parks briefly while the function runs, then waits for its reply
			await().atMost(Duration.ofSeconds(10)).until(() -> caller.getState() == Thread.State.WAITING);
			release.countDown();
		});
		releaser.start();
		Object result = hooks.call("apply", (Function<Object, Object>) value -> {
			try {
				release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return value + " answered";
		}, "long");
		releaser.join();
		assertThat(result).isEqualTo("long answered");
		assertThat(hooks.call("apply", (Function<Object, Object>) value -> value + " too", "next")).isEqualTo("next too");
	}

	@Test
	void aKeptCallableStaysValidAndIsDroppedWhenPythonDropsIt() {
		List<Object> events = new CopyOnWriteArrayList<>();
		hooks.call("register", (Function<Object, Object>) event -> events.add(event));
		int held = heldCallbacks();
		assertThat(held).isPositive();
		assertThat(hooks.call("fire", "saved")).isEqualTo(List.of(true));
		assertThat(events).containsExactly("saved");
		hooks.call("clear");
		await().atMost(Duration.ofSeconds(5)).until(() -> heldCallbacks() < held);
	}

	@Test
	void callbacksFromManyThreadsNeverMix() throws Exception {
		onThreads(8, thread -> {
			for (int i = 0; i < 50; i++) {
				int n = thread * 1000 + i;
				Object result = hooks.call("apply", (Function<Object, Object>) value -> value + "@" + n, n);
				assertThat(result).isEqualTo(n + "@" + n);
			}
		});
	}

	@Test
	void callersThatPassFunctionsCalledNeverOnceOrOftenGetTheirOwnAnswers() throws Exception {
		// a caller that passes a function lends its reading to a completion thread: whatever
		// Python does with the function, each caller gets its own reply
		onThreads(4, thread -> {
			for (int i = 0; i < 150; i++) {
				int n = thread * 10_000 + i;
				switch (i % 3) {
					case 0 -> assertThat(hooks.call("apply", (Function<Object, Object>) value -> value + "@" + n, n))
						.isEqualTo(n + "@" + n);
					case 1 -> assertThat(hooks.call("sort_by", List.of(), (Function<Object, Object>) value -> value))
						.isEqualTo(List.of());
					default -> {
						List<Object> steps = new CopyOnWriteArrayList<>();
						assertThat(hooks.call("progress", (Consumer<Object>) steps::add, 3)).isEqualTo(3);
						assertThat(steps).containsExactly(1, 2, 3);
					}
				}
			}
		});
	}

	@Test
	void aRestartInvalidatesTheWorkersCallables() {
		try (PythonBridge own = TestBridges.builder().restartBackoff(Duration.ofMillis(20)).build()) {
			PyModule ownHooks = own.module("hooks.py");
			ownHooks.call("register", (Function<Object, Object>) event -> event);
			assertThat(own.workers().get(0).callbacks()).isEqualTo(1);
			assertThatThrownBy(() -> own.module("tools.py").call("crash", 3)).isInstanceOf(PythonWorkerException.class);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> own.workers().get(0).state() == dev.esem.monitor.WorkerState.READY);
			assertThat(own.workers().get(0).callbacks()).isZero();
		}
	}

	private static int heldCallbacks() {
		return python.workers().stream().mapToInt(worker -> worker.callbacks()).sum();
	}

	/** Runs {@code work} for threads 0 to {@code count - 1}, all at once; rethrows the first failure. */
	private static void onThreads(int count, IntConsumer work) throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(count);
		try {
			List<Future<?>> results = new ArrayList<>();
			for (int t = 0; t < count; t++) {
				int thread = t;
				results.add(threads.submit(() -> work.accept(thread)));
			}
			for (Future<?> result : results) {
				result.get();
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

}
