package dev.esem.internal.worker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BinaryOperator;

import dev.esem.PythonException;
import dev.esem.internal.BridgeOptions;
import dev.esem.internal.executor.CompletionThreads;
import dev.esem.internal.protocol.FrameHeader;
import dev.esem.internal.protocol.Json;
import dev.esem.internal.protocol.RequestEncoder;
import dev.esem.internal.protocol.RequestFrame;
import dev.esem.internal.protocol.ResultForm;
import dev.esem.internal.protocol.ValueEncoder;
import dev.esem.monitor.CallObservation;
import dev.esem.monitor.CallOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A {@link Worker} driven alone, with a real python3 worker and no bridge around it:
 * calls in, values out; the objects in a reply go to the call's {@link ResultReader},
 * Python's calls of Java functions to the {@link PythonRequests} given at construction.
 */
class WorkerAloneTest {

	private static final int MAX_FRAME_BYTES = 64 * 1024 * 1024;

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

	private final ExecutorService threads = Executors.newCachedThreadPool();

	/** Tasks handed to the I/O executor while a test counts them. */
	private final AtomicInteger ioTasks = new AtomicInteger();

	private volatile boolean countingIoTasks;

	private final Json json = new Json(MAX_FRAME_BYTES, 256);

	private final RequestEncoder requests = new RequestEncoder(this.json, 256, MAX_FRAME_BYTES);

	private final List<String> started = new CopyOnWriteArrayList<>();

	private final List<String> ended = new CopyOnWriteArrayList<>();

	private final List<String> workerEnds = new CopyOnWriteArrayList<>();

	private final List<String> dropped = new CopyOnWriteArrayList<>();

	private Worker worker;

	@BeforeEach
	void launch() throws Exception {
		BridgeOptions options = new BridgeOptions("python3", List.of(), Path.of("").toAbsolutePath(), 1, TIMEOUT,
				TIMEOUT, TIMEOUT, Map.of(), List.of(), MAX_FRAME_BYTES, 256, 0, Duration.ofSeconds(1), true,
				Duration.ofSeconds(2), false, false, 0, null, "INFO", true);
		CallListener listener = new CallListener() {

			@Override
			public void callStarted(CallTarget target) {
				WorkerAloneTest.this.started.add(target.toString());
			}

			@Override
			public CallObservation observeCall(CallTarget target, String worker, String refId) {
				return null;
			}

			@Override
			public void callEnded(CallTarget target, CallOutcome outcome, long nanos) {
				WorkerAloneTest.this.ended.add(target + " " + outcome);
			}

		};
		WorkerEvents events = new WorkerEvents() {

			@Override
			public void callStuck(Worker worker, CallTarget target, Duration timeout, Duration grace) {
			}

			@Override
			public void workerEnded(Worker worker, String reason) {
				WorkerAloneTest.this.workerEnds.add(reason);
			}

		};
		Executor io = task -> {
			if (this.countingIoTasks) {
				this.ioTasks.incrementAndGet();
			}
			this.threads.execute(task);
		};
		CompletionThreads completions = new CompletionThreads() {

			@Override
			public void execute(Runnable task) {
				WorkerAloneTest.this.threads.execute(task);
			}

			@Override
			public boolean executeIfIdle(Runnable task) {
				return false; // no caller lends its reading: the functions here are answered by this test
			}

		};
		WorkerLauncher launcher = new WorkerLauncher(options, this.json, this.requests, listener, this::answer,
				this.timer, io, completions);
		this.worker = launcher.launch(1, 1, events);
		this.worker.hello().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Answers Python's calls of the one Java function, {@code fn_add}, which adds its two
	 * arguments; notes the functions Python drops.
	 */
	private void answer(Worker from, FrameHeader.Head head, JsonParser in, byte[][] segments) {
		ObjectNode request = this.json.mapper().createObjectNode();
		for (String member = head.next(); member != null; member = in.nextName()) {
			in.nextToken();
			request.set(member, in.readValueAsTree());
		}
		if (head.kind() == FrameHeader.Kind.EVENT) {
			request.get("ids").forEach(id -> this.dropped.add(id.asString()));
			return;
		}
		assertThat(request.get("fn").asString()).isEqualTo("fn_add");
		long sum = request.get("args").get(0).asLong() + request.get("args").get(1).asLong();
		RequestFrame answer = this.requests.callbackAnswer(head.number(), sum, value -> null);
		this.threads.execute(() -> from.answer(answer));
	}

	@AfterEach
	void stop() {
		if (this.worker != null) {
			this.worker.stop(Duration.ofSeconds(5));
		}
		this.timer.shutdownNow();
		this.threads.shutdownNow();
	}

	private Call call(String module, String function, Object... args) {
		return new Call(new CallTarget(module, function),
				this.requests.call(module, function, args, ResultForm.VALUE, value -> null), TIMEOUT,
				ResultReader.VALUES);
	}

	@Test
	void aBlockingCallReturnsItsValueAndIsReported() {
		assertThat(this.worker.call(call("math", "sqrt", 16.0))).isEqualTo(4.0);
		assertThat(this.started).containsExactly("math.sqrt");
		assertThat(this.ended).containsExactly("math.sqrt SUCCESS");
	}

	@Test
	void aSubmittedCallIsItsOwnFuture() throws Exception {
		Call call = call("math", "gcd", 12, 18);
		assertThat(this.worker.submit(call)).isSameAs(call);
		assertThat(((Number) call.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).intValue()).isEqualTo(6);
		assertThat(call.worker()).isSameAs(this.worker);
	}

	@Test
	void aPythonErrorFailsTheCall() {
		assertThatExceptionOfType(PythonException.class).isThrownBy(() -> this.worker.call(call("math", "sqrt", -1.0)))
			.satisfies(ex -> assertThat(ex.pythonType()).isEqualTo("ValueError"));
		assertThat(this.ended).containsExactly("math.sqrt PYTHON_ERROR");
	}

	@Test
	void theObjectsOfAReplyGoToTheCallsResultReader() {
		List<String> adopted = new CopyOnWriteArrayList<>();
		ResultReader reader = new ResultReader() {

			@Override
			public Object adopt(Call call, String refId, String pythonClass, String module, List<String> methods) {
				adopted.add(pythonClass + " of " + call.worker().name());
				return "handle of " + refId;
			}

			@Override
			public Object javaFunction(String id) {
				throw new AssertionError(id);
			}

			@Override
			public Throwable javaException(String ref) {
				return null;
			}

		};
		Call construct = new Call(new CallTarget("fractions", "Fraction"),
				this.requests.construct("fractions", "Fraction", new Object[] { 1, 3 }, value -> null), TIMEOUT,
				reader);
		assertThat((String) this.worker.call(construct)).startsWith("handle of ");
		assertThat(adopted).containsExactly("Fraction of worker-1");
	}

	@Test
	void pythonsCallsAndDropsOfJavaFunctionsGoToTheSinkAndItsAnswerComesBack() {
		BinaryOperator<Integer> add = Integer::sum; // crosses as fn_add; the sink answers for it
		Call reduce = new Call(new CallTarget("functools", "reduce"), this.requests.call("functools", "reduce",
				new Object[] { add, List.of(1, 2, 3) }, ResultForm.VALUE, new FunctionRefs()), TIMEOUT,
				ResultReader.VALUES);
		assertThat(((Number) this.worker.call(reduce)).intValue()).isEqualTo(6);
		await().atMost(TIMEOUT).until(() -> this.dropped.contains("fn_add"));
	}

	@Test
	void theWorkersEndIsSeenAndEndsWhatIsPending() throws Exception {
		Call sleeping = call("time", "sleep", 30);
		this.worker.submit(sleeping);
		this.worker.kill();
		await().atMost(TIMEOUT).until(sleeping::isDone);
		assertThat(sleeping).isCompletedExceptionally();
		this.worker.ended().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(this.workerEnds).hasSize(1);
		assertThat(this.worker.isAlive()).isFalse();
	}

	/**
	 * The worker widens its request pipe and says so at hello: callers then write far more
	 * than 16 KiB unread themselves, where they would otherwise hand every request to the
	 * I/O executor.
	 */
	@Test
	@EnabledOnOs(OS.LINUX) // F_SETPIPE_SZ
	void callersWriteFarMoreThanSixteenKibUnreadThemselves() throws Exception {
		this.worker.call(call("builtins", "len", "warm")); // the worker is serving
		this.countingIoTasks = true;
		Call sleeping = this.worker.submit(call("time", "sleep", 0.3)); // nothing more is read meanwhile
		String text = "x".repeat(200);
		List<Call> calls = new ArrayList<>();
		for (int i = 0; i < 300; i++) { // about 70 KiB the worker has not read
			calls.add(this.worker.submit(call("builtins", "len", text)));
		}
		this.countingIoTasks = false;
		assertThat(this.ioTasks).as("requests handed to the I/O executor").hasValue(0);
		sleeping.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		for (Call each : calls) {
			assertThat(each.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(200);
		}
	}

	/** Lets a function cross as the Java function {@code fn_add}. */
	private static final class FunctionRefs implements ValueEncoder.RefWriter {

		@Override
		public String refIdOf(Object value) {
			return null;
		}

		@Override
		public String functionIdOf(Object value) {
			return "fn_add";
		}

	}

}
