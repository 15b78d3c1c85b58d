package dev.esem.internal.worker;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import dev.esem.PythonException;
import dev.esem.PythonWorkerException;
import dev.esem.internal.protocol.DirectReplies;
import dev.esem.internal.protocol.Json;
import dev.esem.internal.protocol.ValueDecoder;
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

	/** Makes the Java handles of the Python objects in a reply. */
	interface Handles {

		Object adopt(String refId, String pythonClass, String module, List<String> methods, Throwable creationSite);

		/** Drops an object nobody waits for any more (its call ended before its reply came). */
		void releaseOrphan(String refId);

		/** Python calls Java function {@code functionId}; the answer goes back as callback {@code cb}. */
		void callback(long cb, String functionId, List<Object> args);

		/** A callback request that could not be read: Python must hear of it all the same. */
		void callbackUnreadable(long cb, RuntimeException failure);

		/** Python dropped its callables of these Java functions. */
		void functionsDropped(List<?> ids);

		/** The Java exception that Python names by {@code ref}, or {@code null}. */
		Throwable javaException(String ref);

		/** The Java function that Python handed back, by its id. */
		Object javaFunction(String id);

	}

	private final String workerName;

	private final Json json;

	private final CallLedger ledger;

	private final Handles handles;

	private final int maxFrameBytes;

	private final CompletableFuture<Void> hello;

	private final Consumer<String> ended;

	ReplyDispatcher(String workerName, Json json, CallLedger ledger, Handles handles, int maxFrameBytes,
			CompletableFuture<Void> hello, Consumer<String> ended) {
		this.workerName = workerName;
		this.json = json;
		this.ledger = ledger;
		this.handles = handles;
		this.maxFrameBytes = maxFrameBytes;
		this.hello = hello;
		this.ended = ended;
	}

	@Override
	public void frame(byte[] bytes, int offset, int length, byte[][] segments) {
		long id = DirectReplies.id(bytes, offset, length);
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
			if (id >= 0) {
				this.ledger.fail(id, new PythonWorkerException(
						"Could not read the reply of " + this.workerName + ": " + ex.getMessage(), ex));
			}
			else {
				logger.error("[{}] Unreadable frame from worker: {}", this.workerName, ex.toString());
			}
		}
	}

	@Override
	public void oversize(long id) {
		this.ledger.fail(id, new PythonWorkerException("The reply of " + this.workerName
				+ " is larger than the max frame size of " + this.maxFrameBytes + " bytes (esem.limits.max-frame-size)"));
	}

	@Override
	public void ended(String failure) {
		this.ended.accept(failure);
	}

	/** A frame that {@link DirectReplies} leaves to Jackson: events, errors, other values. */
	private void parsed(byte[] bytes, int offset, int length, byte[][] segments) {
		try (JsonParser in = this.json.mapper().createParser(bytes, offset, length)) {
			in.nextToken();
			String first = in.nextName();
			if ("ev".equals(first)) {
				event(in);
				return;
			}
			if ("cb".equals(first)) {
				callback(in, segments);
				return;
			}
			in.nextToken();
			long id = in.getLongValue();
			String kind = in.nextName();
			if ("$b".equals(kind)) { // the segment lengths, which the frame reader used
				in.nextToken();
				in.skipChildren();
				kind = in.nextName();
			}
			in.nextToken();
			if ("ok".equals(kind)) {
				this.ledger.succeed(id, ValueDecoder.read(in, refsFor(this.ledger.get(id)), segments));
			}
			else {
				@SuppressWarnings("unchecked")
				Map<String, Object> error = (Map<String, Object>) ValueDecoder.read(in, this::orphan);
				PythonException failure = new PythonException(String.valueOf(error.get("type")),
						String.valueOf(error.get("message")), String.valueOf(error.get("traceback")));
				if (error.get("java") instanceof String ref) {
					Throwable cause = this.handles.javaException(ref);
					if (cause != null) {
						failure.initCause(cause);
					}
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
				return ReplyDispatcher.this.handles.adopt(refId, pythonClass, module, methods, call.creationSite);
			}

			@Override
			public Object javaFunction(String id) {
				return ReplyDispatcher.this.handles.javaFunction(id);
			}

		};
	}

	private Object orphan(String refId, String pythonClass, String module, List<String> methods) {
		this.handles.releaseOrphan(refId);
		return null;
	}

	/** {@code {"cb": n, "fn": id, "args": [...]}}: Python calls a Java function. */
	private void callback(JsonParser in, byte[][] segments) {
		in.nextToken();
		long cb = in.getLongValue();
		try {
			String function = null;
			List<Object> args = List.of();
			String field;
			while ((field = in.nextName()) != null) {
				in.nextToken();
				if ("fn".equals(field)) {
					function = in.getString();
				}
				else if ("args".equals(field)) {
					@SuppressWarnings("unchecked")
					List<Object> values = (List<Object>) ValueDecoder.read(in, this::adoptForCallback, segments);
					args = values;
				}
				else {
					in.skipChildren();
				}
			}
			this.handles.callback(cb, function, args);
		}
		catch (RuntimeException ex) {
			this.handles.callbackUnreadable(cb, ex);
		}
	}

	private Object adoptForCallback(String refId, String pythonClass, String module, List<String> methods) {
		return this.handles.adopt(refId, pythonClass, module, methods, null);
	}

	private void event(JsonParser in) {
		in.nextToken();
		String event = in.getString();
		Map<String, Object> fields = new HashMap<>();
		String field;
		while ((field = in.nextName()) != null) {
			in.nextToken();
			fields.put(field, ValueDecoder.read(in, this::orphan));
		}
		if ("hello".equals(event)) {
			logger.debug("[{}] ready: pid {}, Python {}", this.workerName, fields.get("pid"), fields.get("python"));
			this.hello.complete(null);
		}
		else if ("log".equals(event)) {
			PythonLog.log(this.workerName, fields);
		}
		else if ("fndrop".equals(event) && fields.get("ids") instanceof List<?> ids) {
			this.handles.functionsDropped(ids);
		}
	}

}
