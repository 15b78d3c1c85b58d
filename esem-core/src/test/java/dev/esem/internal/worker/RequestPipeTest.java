package dev.esem.internal.worker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.esem.internal.BridgeOptions;
import dev.esem.internal.protocol.Json;
import dev.esem.internal.protocol.RequestEncoder;
import dev.esem.internal.protocol.ResultForm;
import dev.esem.monitor.CallObservation;
import dev.esem.monitor.CallOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real worker widens its request pipe and says so at hello: its callers then write
 * far more than 16 KiB unread themselves, where they would otherwise hand every request
 * to the I/O executor.
 */
@EnabledOnOs(OS.LINUX) // F_SETPIPE_SZ
class RequestPipeTest {

	private static final int MAX_FRAME_BYTES = 64 * 1024 * 1024;

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

	private final ExecutorService threads = Executors.newCachedThreadPool();

	/** Tasks handed to the I/O executor while the test counts them. */
	private final AtomicInteger ioTasks = new AtomicInteger();

	private volatile boolean counting;

	private final Json json = new Json(MAX_FRAME_BYTES, 256);

	private final RequestEncoder requests = new RequestEncoder(this.json, 256, MAX_FRAME_BYTES);

	private Worker worker;

	@BeforeEach
	void launch() throws Exception {
		BridgeOptions options = new BridgeOptions("python3", List.of(), Path.of("").toAbsolutePath(), 1, TIMEOUT,
				TIMEOUT, TIMEOUT, Map.of(), List.of(), MAX_FRAME_BYTES, 256, 0, Duration.ofSeconds(1), true,
				Duration.ofSeconds(2), false, false, 0, null, "INFO", true);
		CallListener listener = new CallListener() {

			@Override
			public void callStarted(CallTarget target) {
			}

			@Override
			public CallObservation observeCall(CallTarget target, String worker, String refId) {
				return null;
			}

			@Override
			public void callEnded(CallTarget target, CallOutcome outcome, long nanos) {
			}

		};
		Executor io = task -> {
			if (this.counting) {
				this.ioTasks.incrementAndGet();
			}
			this.threads.execute(task);
		};
		WorkerEvents events = new WorkerEvents() {

			@Override
			public void callStuck(Worker worker, CallTarget target, Duration timeout, Duration grace) {
			}

			@Override
			public void workerEnded(Worker worker, String reason) {
			}

		};
		WorkerLauncher launcher = new WorkerLauncher(options, this.json, this.requests, listener,
				(from, bytes, offset, length, segments) -> {
				}, this.timer, io, this.threads);
		this.worker = launcher.launch(1, 1, events);
		this.worker.hello().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
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
	void callersWriteFarMoreThanSixteenKibUnreadThemselves() throws Exception {
		this.worker.call(call("builtins", "len", "warm")); // the worker is serving
		this.counting = true;
		Call sleeping = this.worker.submit(call("time", "sleep", 0.3)); // nothing more is read meanwhile
		String text = "x".repeat(200);
		List<Call> calls = new ArrayList<>();
		for (int i = 0; i < 300; i++) { // about 70 KiB the worker has not read
			calls.add(this.worker.submit(call("builtins", "len", text)));
		}
		this.counting = false;
		assertThat(this.ioTasks).as("requests handed to the I/O executor").hasValue(0);
		sleeping.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		for (Call each : calls) {
			assertThat(each.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(200);
		}
	}

}
