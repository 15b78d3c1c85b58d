package dev.esem.internal.worker;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import dev.esem.PythonConversionException;
import dev.esem.PythonWorkerException;
import dev.esem.internal.protocol.DirectReplies;
import dev.esem.internal.protocol.FrameHeader;
import dev.esem.internal.protocol.Json;
import dev.esem.internal.protocol.ValueDecoder;
import dev.esem.internal.protocol.Wire;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JsonParser;

/**
 * Turns each frame a worker writes into what it means: a reply's value or error ends its
 * call in the {@link CallLedger}; events ({@code hello}, {@code log}) go where they
 * belong. Runs on whichever thread reads (see {@link ReplyReader}); must not block.
 */
final class ReplyDispatcher implements ReplyReader.Sink {

	private static final Logger logger = LoggerFactory.getLogger(ReplyDispatcher.class);

	private final Json json;

	private final CallLedger ledger;

	private final Worker worker;

	private final PythonRequests fromPython;

	private final int maxFrameBytes;

	private final CompletableFuture<Void> hello;

	private final Consumer<String> ended;

	/**
	 * @param fromPython where the frames go that are requests of Python's rather than replies
	 */
	ReplyDispatcher(Worker worker, Json json, CallLedger ledger, PythonRequests fromPython, int maxFrameBytes,
			CompletableFuture<Void> hello, Consumer<String> ended) {
		this.worker = worker;
		this.json = json;
		this.ledger = ledger;
		this.fromPython = fromPython;
		this.maxFrameBytes = maxFrameBytes;
		this.hello = hello;
		this.ended = ended;
	}

	@Override
	public void frame(byte[] bytes, int offset, int length, byte[][] segments) {
		long id = FrameHeader.id(bytes, offset, length);
		try {
			if (id >= 0) {
				Object value = (segments == null)
						? DirectReplies.okValue(bytes, offset, length, refsFor(this.ledger.get(id)))
						: DirectReplies.okArray(bytes, offset, length, segments);
				if (value != DirectReplies.NOT_DIRECT) {
					this.ledger.succeed(id, value);
					return;
				}
			}
			parsed(bytes, offset, length, segments);
		}
		catch (RuntimeException ex) {
			if (id >= 0 && ex instanceof PythonConversionException) { // a value without a Java form
				this.ledger.fail(id, ex);
			}
			else if (id >= 0) {
				this.ledger.fail(id, new PythonWorkerException(
						"Could not read the reply of " + this.worker.name() + ": " + ex.getMessage(), ex));
			}
			else {
				logger.error("[{}] Unreadable frame from worker: {}", this.worker.name(), ex.toString());
			}
		}
	}

	@Override
	public void oversize(long id) {
		this.ledger.fail(id, new PythonWorkerException("The reply of " + this.worker.name()
				+ " is larger than the max frame size of " + this.maxFrameBytes + " bytes (esem.limits.max-frame-size)"));
	}

	@Override
	public void ended(String failure) {
		this.ended.accept(failure);
	}

	/** A frame that {@link DirectReplies} leaves to Jackson: events, errors, other values. */
	private void parsed(byte[] bytes, int offset, int length, byte[][] segments) {
		try (JsonParser in = this.json.mapper().createParser(bytes, offset, length)) {
			FrameHeader.Head head = FrameHeader.read(in);
			if (head.kind() == FrameHeader.Kind.CALLBACK || (head.kind() == FrameHeader.Kind.EVENT
					&& Wire.EVENT_FUNCTIONS_DROPPED.equals(head.event()))) {
				this.fromPython.received(this.worker, head, in, segments);
				return;
			}
			if (head.kind() == FrameHeader.Kind.EVENT) {
				event(head.event(), head.next(), in);
				return;
			}
			long id = head.number();
			String kind = head.next();
			in.nextToken();
			if (Wire.OK.equals(kind)) {
				this.ledger.succeed(id, ValueDecoder.read(in, refsFor(this.ledger.get(id)), segments));
			}
			else {
				@SuppressWarnings("unchecked")
				Map<String, Object> error = (Map<String, Object>) ValueDecoder.read(in, this::orphan);
				Call call = this.ledger.get(id);
				RuntimeException failure = PythonErrors.of(error,
						(call != null) ? call.results()::javaException : ref -> null);
				if (call != null && Boolean.TRUE.equals(error.get(Wire.ERROR_TIMEOUT))) {
					failure = this.worker.timedOut(call, failure);
				}
				else if (Boolean.TRUE.equals(error.get(Wire.ERROR_CANCELLED))) {
					CancellationException cancelled = new CancellationException(
							"Call to " + ((call != null) ? call.target() : "Python") + " was cancelled in Python");
					cancelled.initCause(failure);
					failure = cancelled;
				}
				this.ledger.fail(id, failure);
			}
		}
	}

	/** Makes the handles of refs in the reply to {@code call}; refs nobody waits for are released. */
	private ValueDecoder.RefReader refsFor(Call call) {
		if (call == null) {
			return this::orphan;
		}
		ResultReader results = call.results();
		return new ValueDecoder.RefReader() {

			@Override
			public Object adopt(String refId, String pythonClass, String module, List<String> methods) {
				return results.adopt(call, refId, pythonClass, module, methods);
			}

			@Override
			public Object javaFunction(String id) {
				return results.javaFunction(id);
			}

		};
	}

	private Object orphan(String refId, String pythonClass, String module, List<String> methods) {
		this.worker.release(refId); // its call ended before its reply came
		return null;
	}

	/** An event other than Python's requests: its name and the name of its first member read already. */
	private void event(String event, String firstField, JsonParser in) {
		Map<String, Object> fields = new HashMap<>();
		for (String field = firstField; field != null; field = in.nextName()) {
			in.nextToken();
			fields.put(field, ValueDecoder.read(in, this::orphan));
		}
		if (Wire.EVENT_HELLO.equals(event)) {
			logger.debug("[{}] ready: pid {}, Python {}", this.worker.name(), fields.get(Wire.HELLO_PID),
					fields.get(Wire.HELLO_PYTHON));
			if (fields.get(Wire.HELLO_PID) instanceof Number pid) {
				this.worker.saidHello(pid.longValue());
			}
			this.worker.sharedMemoryOpened(Boolean.TRUE.equals(fields.get(Wire.HELLO_SHARED_MEMORY)));
			if (fields.get(Wire.HELLO_PIPE) instanceof Number pipe) {
				this.worker.requestPipeHolds(pipe.longValue());
			}
			this.hello.complete(null);
		}
		else if (Wire.EVENT_LOG.equals(event)) {
			PythonLog.log(this.worker.name(), fields);
		}
	}

}
