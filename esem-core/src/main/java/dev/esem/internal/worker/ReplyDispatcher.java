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

	private final WorkerHost host;

	private final int maxFrameBytes;

	private final CompletableFuture<Void> hello;

	private final Consumer<String> ended;

	/**
	 * @param host makes the handles of the Python objects in replies and runs the Java
	 * functions that Python calls
	 */
	ReplyDispatcher(Worker worker, Json json, CallLedger ledger, WorkerHost host, int maxFrameBytes,
			CompletableFuture<Void> hello, Consumer<String> ended) {
		this.worker = worker;
		this.json = json;
		this.ledger = ledger;
		this.host = host;
		this.maxFrameBytes = maxFrameBytes;
		this.hello = hello;
		this.ended = ended;
	}

	@Override
	public void frame(byte[] bytes, int offset, int length, byte[][] segments) {
		long id = FrameHeader.id(bytes, offset, length);
		try {
			if (id >= 0 && segments == null) {
				Object value = DirectReplies.okValue(bytes, offset, length, refsFor(this.ledger.get(id)));
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
			if (head.kind() == FrameHeader.Kind.EVENT) {
				event(head.event(), head.next(), in);
				return;
			}
			if (head.kind() == FrameHeader.Kind.CALLBACK) {
				callback(head.number(), head.next(), in, segments);
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
				RuntimeException failure = PythonErrors.of(error, this.host::javaException);
				PendingCall call = this.ledger.get(id);
				if (call != null && Boolean.TRUE.equals(error.get(Wire.ERROR_TIMEOUT))) {
					failure = this.worker.timedOut(call, failure);
				}
				else if (Boolean.TRUE.equals(error.get(Wire.ERROR_CANCELLED))) {
					CancellationException cancelled = new CancellationException(
							"Call to " + ((call != null) ? call.target : "Python") + " was cancelled in Python");
					cancelled.initCause(failure);
					failure = cancelled;
				}
				this.ledger.fail(id, failure);
			}
		}
	}

	/** Makes the handles of refs in the reply to {@code call}; refs nobody waits for are released. */
	private ValueDecoder.RefReader refsFor(PendingCall call) {
		if (call == null) {
			return this::orphan;
		}
		return new ValueDecoder.RefReader() {

			@Override
			public Object adopt(String refId, String pythonClass, String module, List<String> methods) {
				return ReplyDispatcher.this.host.adopt(ReplyDispatcher.this.worker, refId, pythonClass, module, methods,
						call.creationSite);
			}

			@Override
			public Object javaFunction(String id) {
				return ReplyDispatcher.this.host.javaFunction(id);
			}

		};
	}

	private Object orphan(String refId, String pythonClass, String module, List<String> methods) {
		this.worker.release(refId); // its call ended before its reply came
		return null;
	}

	/** {@code {"cb": n, "fn": id, "args": [...]}}: Python calls a Java function. */
	private void callback(long cb, String firstField, JsonParser in, byte[][] segments) {
		try {
			String function = null;
			List<Object> args = List.of();
			for (String field = firstField; field != null; field = in.nextName()) {
				in.nextToken();
				if (Wire.FUNCTION.equals(field)) {
					function = in.getString();
				}
				else if (Wire.ARGS.equals(field)) {
					@SuppressWarnings("unchecked")
					List<Object> values = (List<Object>) ValueDecoder.read(in, this::adoptForCallback, segments);
					args = values;
				}
				else {
					in.skipChildren();
				}
			}
			this.host.callback(this.worker, cb, function, args, null);
		}
		catch (RuntimeException ex) {
			this.host.callback(this.worker, cb, null, List.of(), ex); // Python must hear of it all the same
		}
	}

	private Object adoptForCallback(String refId, String pythonClass, String module, List<String> methods) {
		return this.host.adopt(this.worker, refId, pythonClass, module, methods, null);
	}

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
			this.hello.complete(null);
		}
		else if (Wire.EVENT_LOG.equals(event)) {
			PythonLog.log(this.worker.name(), fields);
		}
		else if (Wire.EVENT_FUNCTIONS_DROPPED.equals(event) && fields.get(Wire.DROPPED_IDS) instanceof List<?> ids) {
			this.host.functionsDropped(this.worker, ids);
		}
	}

}
