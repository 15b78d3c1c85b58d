package dev.esem.internal.callback;

import java.util.List;

import dev.esem.internal.handle.RefCollector;
import dev.esem.internal.handle.ReplyObjects;
import dev.esem.internal.protocol.FrameHeader;
import dev.esem.internal.protocol.RequestEncoder;
import dev.esem.internal.protocol.RequestFrame;
import dev.esem.internal.protocol.ValueDecoder;
import dev.esem.internal.protocol.Wire;
import dev.esem.internal.worker.PythonRequests;
import dev.esem.internal.worker.Worker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JsonParser;

/**
 * Serves what Python asks of Java: runs the Java function that Python calls and answers
 * with what it returned, or what it threw ({@code JavaException} in Python, remembered so
 * that it can become the cause of the Java caller's exception if it escapes); forgets
 * the functions Python drops. Every callback request gets an answer, whatever the
 * function does, so the Python side never waits forever. Functions run on a completion
 * thread, never on a thread that reads replies: they may block.
 */
public final class CallbackAnswers implements PythonRequests {

	private static final Logger logger = LoggerFactory.getLogger(CallbackAnswers.class);

	private final JavaFunctions functions;

	private final RequestEncoder requests;

	private final ReplyObjects objects;

	public CallbackAnswers(JavaFunctions functions, RequestEncoder requests, ReplyObjects objects) {
		this.functions = functions;
		this.requests = requests;
		this.objects = objects;
	}

	/**
	 * {@code {"cb": n, "fn": id, "args": [...]}}: Python calls a Java function; or
	 * {@code {"ev": "fndrop", "ids": [...]}}: Python dropped its callables of these.
	 */
	@Override
	public void received(Worker worker, FrameHeader.Head head, JsonParser in, byte[][] segments) {
		try {
			if (head.kind() == FrameHeader.Kind.CALLBACK) {
				callback(worker, head.number(), head.next(), in, segments);
			}
			else {
				dropped(head.next(), in);
			}
		}
		catch (RuntimeException ex) {
			logger.error("[{}] Unreadable request from worker: {}", worker.name(), ex.toString());
		}
	}

	/** A callback request, its header read: {@code firstField} is the name of its first member. */
	private void callback(Worker worker, long cb, String firstField, JsonParser in, byte[][] segments) {
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
					List<Object> values = (List<Object>) ValueDecoder.read(in,
							(refId, pythonClass, module, methods) -> this.objects.adopt(worker, refId, pythonClass,
									module, methods, null),
							segments);
					args = values;
				}
				else {
					in.skipChildren();
				}
			}
			answerLater(worker, cb, function, args, null);
		}
		catch (RuntimeException ex) {
			answerLater(worker, cb, null, List.of(), ex); // Python must hear of it all the same
		}
	}

	/** The event that lists the functions Python dropped, its header read. */
	private void dropped(String firstField, JsonParser in) {
		for (String field = firstField; field != null; field = in.nextName()) {
			in.nextToken();
			if (Wire.DROPPED_IDS.equals(field) && ValueDecoder.read(in, this::notHeld) instanceof List<?> ids) {
				this.functions.drop(ids);
			}
			else {
				in.skipChildren();
			}
		}
	}

	private Object notHeld(String refId, String pythonClass, String module, List<String> methods) {
		throw new IllegalStateException("A list of dropped functions holds the Python object " + refId);
	}

	private void answerLater(Worker worker, long cb, String functionId, List<Object> args, RuntimeException failure) {
		worker.runCallback(() -> worker.answer(answer(worker, cb, functionId, args, failure)));
	}

	/**
	 * Runs function {@code functionId} with {@code args} for callback {@code cb} of
	 * {@code worker} (or answers {@code failure}, when the request could not be read).
	 */
	private RequestFrame answer(Worker worker, long cb, String functionId, List<Object> args, RuntimeException failure) {
		Throwable thrown = failure;
		if (thrown == null) {
			try {
				return result(worker, cb, functionId, args);
			}
			catch (Throwable ex) { // anything: the answer must go out
				thrown = ex;
			}
		}
		boolean wrongArguments = thrown instanceof JavaFunction.WrongArguments;
		String message = wrongArguments ? thrown.getMessage()
				: thrown.getClass().getName() + ((thrown.getMessage() != null) ? ": " + thrown.getMessage() : "");
		return this.requests.callbackFailure(cb, wrongArguments ? "TypeError" : "JavaException", message,
				this.functions.remember(thrown));
	}

	private RequestFrame result(Worker worker, long cb, String functionId, List<Object> args) {
		JavaFunction function = this.functions.get(functionId);
		if (function == null) {
			throw new IllegalStateException("The Java function " + functionId + " is no longer held");
		}
		Object result = function.invoke(args);
		RefCollector refs = new RefCollector(this.functions);
		RequestFrame frame = refs.encode(() -> this.requests.callbackAnswer(cb, result, refs));
		if (refs.owner() != null && refs.owner() != worker) {
			this.functions.drop(refs.functions());
			throw new IllegalArgumentException(
					"A Java function returned a Python object of " + refs.owner().name() + " to " + worker.name());
		}
		this.functions.sentTo(refs.functions(), worker);
		return frame;
	}

}
