package dev.esem.internal;

import java.util.List;

import dev.esem.internal.protocol.RequestEncoder;
import dev.esem.internal.protocol.RequestFrame;
import dev.esem.internal.worker.Worker;

/**
 * Runs the Java function that Python calls and makes the answer: what it returned, or
 * what it threw ({@code JavaException} in Python, remembered so that it can become the
 * cause of the Java caller's exception if it escapes). Every callback request gets an
 * answer, whatever the function does, so the Python side never waits forever.
 */
final class CallbackAnswers {

	private final JavaFunctions functions;

	private final RequestEncoder requests;

	CallbackAnswers(JavaFunctions functions, RequestEncoder requests) {
		this.functions = functions;
		this.requests = requests;
	}

	/**
	 * Runs function {@code functionId} with {@code args} for callback {@code cb} of
	 * {@code worker} (or answers {@code failure}, when the request could not be read).
	 */
	RequestFrame answer(Worker worker, long cb, String functionId, List<Object> args, RuntimeException failure) {
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
