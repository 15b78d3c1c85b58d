package dev.esem.internal.worker;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;

import dev.esem.internal.protocol.Json;
import dev.esem.internal.protocol.RequestEncoder;
import dev.esem.internal.protocol.RequestFrame;
import dev.esem.internal.protocol.ResultForm;
import dev.esem.internal.protocol.Wire;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A one-way frame sent ahead goes in the same write as the next request, or on its own
 * soon after, and before anything handed over after it: a call on its object, or the
 * object's release, even when the I/O executor writes them from its queue; inside the
 * frame of a call that stays within the frame limit with it. Releases taken along go
 * after a call and ahead of a ping. And how much
 * a caller writes itself follows the pipe's capacity that the worker reported.
 */
class RequestWriterAheadTest {

	private static final String REF = "py_obj_j1_abcdefghijkl";

	private final RequestEncoder requests = new RequestEncoder(new Json(1 << 20, 16), 16, 1 << 20);

	private final AtomicLong ids = new AtomicLong();

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

	/** Counts the writes that reach the pipe: a flush of the caller's or the I/O executor's. */
	private final ByteArrayOutputStream pipe = new ByteArrayOutputStream() {

		@Override
		public void flush() {
			flushes.incrementAndGet();
		}

	};

	private final AtomicLong flushes = new AtomicLong();

	/** The I/O executor's tasks, run when the test says. */
	private final List<Runnable> io = new ArrayList<>();

	private final RequestWriter writer = new RequestWriter(this.pipe, "worker-1", this.requests, this.ids::incrementAndGet,
			this.timer, this.io::add, 1 << 24, null);

	@AfterEach
	void stopTimer() {
		this.timer.shutdownNow();
	}

	@Test
	void aFrameSentAheadGoesInTheSameWriteAsTheNextRequest() {
		this.writer.sendAhead(construct());
		assertThat(written()).isEmpty();
		this.writer.send(call(REF), null);
		assertThat(written()).hasSize(2);
		assertThat(written().get(0)).contains("\"op\":\"construct\"", "\"new\":\"" + REF + "\"");
		assertThat(written().get(1)).contains("\"op\":\"invoke\"");
		assertThat(this.flushes).hasValue(1);
	}

	@Test
	void aCallCarriesTheFramesSentAheadInItsOwnFrame() {
		this.writer.sendAhead(construct());
		this.writer.release("py_obj_7_released0");
		this.writer.send(call(REF), userCall());
		assertThat(written()).hasSize(2);
		String carrier = written().get(0);
		assertThat(carrier).startsWith("{\"id\":2,\"op\":\"invoke\"")
			.endsWith(",\"ahead\":[" + new String(construct(1).bytes(), construct(1).start(),
					construct(1).end() - construct(1).start() - 1, StandardCharsets.UTF_8) + "]}");
		assertThat(written().get(1)).contains("\"op\":\"release\"", "py_obj_7_released0");
		assertThat(this.flushes).hasValue(1);
	}

	@Test
	void aPingCarriesNothingAndACallOverTheFrameLimitWithThemNeither() {
		RequestWriter small = new RequestWriter(this.pipe, "worker-1", new RequestEncoder(new Json(1 << 20, 16), 16, 256),
				this.ids::incrementAndGet, this.timer, this.io::add, 1 << 24, null);
		small.sendAhead(construct());
		small.send(call("y".repeat(120)), userCall()); // within 256 bytes alone, not with the construct
		small.sendAhead(construct());
		small.send(this.requests.simple(Wire.OP_PING).withId(this.ids.incrementAndGet()),
				new Call(CallTarget.internal(Wire.OP_PING), null, Duration.ofSeconds(5), ResultReader.VALUES));
		assertThat(written()).hasSize(4).noneMatch(frame -> frame.contains("\"ahead\""));
		assertThat(written().get(0)).contains("\"op\":\"construct\"");
		assertThat(written().get(1)).contains("\"op\":\"invoke\"");
		assertThat(written().get(2)).contains("\"op\":\"construct\"");
		assertThat(written().get(3)).contains("\"op\":\"ping\"");
	}

	@Test
	void aFrameSentAheadWithNoRequestBehindItGoesSoonAllTheSame() {
		this.writer.sendAhead(construct());
		await().atMost(Duration.ofSeconds(5)).until(() -> {
			runIo();
			return written().size() == 1;
		});
		assertThat(written().get(0)).contains("\"op\":\"construct\"");
	}

	@Test
	void theReleaseOfItsObjectComesAfterIt() {
		this.writer.sendAhead(construct());
		this.writer.release(REF);
		this.writer.send(call("py_obj_9_other000"), null);
		assertThat(written()).hasSize(3);
		assertThat(written().get(0)).contains("\"op\":\"construct\"");
		assertThat(written().get(1)).contains("\"op\":\"release\"", REF);
	}

	@Test
	void releasesTakenAlongGoAfterACallAndAheadOfAPing() {
		this.writer.release("py_obj_7_released0");
		this.writer.send(call("py_obj_9_other000"), userCall());
		assertThat(written()).hasSize(2);
		assertThat(written().get(0)).contains("\"op\":\"invoke\"");
		assertThat(written().get(1)).contains("\"op\":\"release\"", "py_obj_7_released0");

		this.writer.release("py_obj_8_released0");
		this.writer.send(this.requests.simple(Wire.OP_PING).withId(this.ids.incrementAndGet()),
				new Call(CallTarget.internal(Wire.OP_PING), null, Duration.ofSeconds(5), ResultReader.VALUES));
		assertThat(written()).hasSize(4);
		assertThat(written().get(2)).contains("\"op\":\"release\"", "py_obj_8_released0");
		assertThat(written().get(3)).contains("\"op\":\"ping\"");
		assertThat(this.flushes).hasValue(2);
	}

	@Test
	void whatTheIoExecutorWritesFromItsQueueComesAfterItToo() {
		// a frame too large for the caller to write itself: queued for the I/O executor
		this.writer.send(call("x".repeat((int) RequestWriter.INLINE_BYTES)), null);
		this.writer.sendAhead(construct());
		this.writer.send(call(REF), null); // queued behind the large one
		this.writer.release(REF); // the queue is busy: queued behind them too
		assertThat(written()).isEmpty();
		runIo();
		List<String> frames = written();
		assertThat(frames).hasSize(4);
		int construct = indexOf(frames, "\"op\":\"construct\"");
		assertThat(construct).isLessThan(indexOf(frames, "\"ref\":\"" + REF + "\""))
			.isLessThan(indexOf(frames, "\"op\":\"release\""));
	}

	@Test
	void aPipeSmallerThanSixteenKibLeavesLessToTheCaller() {
		this.writer.pipeHolds(4096); // a user past its pipe pages gets pipes of one page
		this.writer.send(call("x".repeat(2048)), null);
		assertThat(written()).as("a quarter of 4 KiB is less than the frame").isEmpty();
		runIo();
		assertThat(written()).hasSize(1);
	}

	@Test
	void aWidePipeLeavesMoreToTheCaller() {
		this.writer.pipeHolds(512 * 1024);
		this.writer.send(call("x".repeat((int) RequestWriter.INLINE_BYTES)), null);
		assertThat(written()).as("written by the caller").hasSize(1);
	}

	private void runIo() {
		List<Runnable> tasks = new ArrayList<>(this.io);
		this.io.clear();
		tasks.forEach(Runnable::run);
	}

	private static int indexOf(List<String> frames, String text) {
		for (int i = 0; i < frames.size(); i++) {
			if (frames.get(i).contains(text)) {
				return i;
			}
		}
		throw new AssertionError("no frame with " + text + " in " + frames);
	}

	private RequestFrame construct() {
		return construct(this.ids.incrementAndGet());
	}

	private RequestFrame construct(long id) {
		return this.requests.constructNamed("pipelined.py", "Account", REF, new Object[] { "regular" }, v -> null)
			.withId(id);
	}

	private RequestFrame call(String refId) {
		return this.requests.invoke(refId, "deposit", new Object[] { 1 }, ResultForm.VALUE, v -> null)
			.withId(this.ids.incrementAndGet());
	}

	private static Call userCall() {
		return new Call(new CallTarget("pipelined.py", "Account.deposit"), null, Duration.ofSeconds(5),
				ResultReader.VALUES);
	}

	private List<String> written() {
		String text;
		synchronized (this.pipe) {
			text = this.pipe.toString(StandardCharsets.UTF_8);
		}
		return text.isEmpty() ? List.of() : List.of(text.split("\n"));
	}

}
