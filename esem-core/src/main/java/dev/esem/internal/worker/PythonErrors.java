package dev.esem.internal.worker;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.esem.PythonException;
import dev.esem.PythonFrameTooLargeException;
import dev.esem.internal.protocol.Wire;

/**
 * Makes the Java exception of a Python error as the worker describes it:
 * {@code {"type", "types", "message", "traceback", "cause": {...}, "java": id, "limit": "frame"}}.
 * The chain of causes becomes {@link Throwable#getCause()}, each link a
 * {@link PythonException} with its own frames; a link that names a Java exception (one
 * that a Java function called from Python threw) is that exception, and ends the chain.
 */
final class PythonErrors {

	private PythonErrors() {
	}

	/**
	 * The exception for {@code error}; {@code javaExceptions} finds a Java exception by
	 * its id ({@code null} when it is no longer known).
	 */
	static RuntimeException of(Map<String, Object> error, Function<String, Throwable> javaExceptions) {
		if (Wire.LIMIT_FRAME.equals(error.get(Wire.ERROR_LIMIT))) {
			return new PythonFrameTooLargeException(
					String.valueOf(error.get(Wire.ERROR_MESSAGE)) + " (esem.limits.max-frame-size)");
		}
		PythonException exception = exception(error);
		Throwable java = javaException(error, javaExceptions);
		if (java != null) {
			exception.initCause(java);
			return exception;
		}
		PythonException link = exception;
		Object cause = error.get(Wire.ERROR_CAUSE);
		while (cause instanceof Map<?, ?> next) {
			@SuppressWarnings("unchecked")
			Map<String, Object> described = (Map<String, Object>) next;
			Throwable javaCause = javaException(described, javaExceptions);
			if (javaCause != null) {
				link.initCause(javaCause);
				break;
			}
			PythonException pythonCause = exception(described);
			link.initCause(pythonCause);
			link = pythonCause;
			cause = described.get(Wire.ERROR_CAUSE);
		}
		return exception;
	}

	/** The exception of one link, without its cause. */
	static PythonException exception(Map<String, Object> error) {
		String type = String.valueOf(error.get(Wire.ERROR_TYPE));
		List<String> types = (error.get(Wire.ERROR_TYPES) instanceof List<?> list && !list.isEmpty())
				? list.stream().map(String::valueOf).toList() : List.of(type);
		return new PythonException(type, types, String.valueOf(error.get(Wire.ERROR_MESSAGE)),
				String.valueOf(error.get(Wire.ERROR_TRACEBACK)));
	}

	private static Throwable javaException(Map<String, Object> error, Function<String, Throwable> javaExceptions) {
		return (error.get(Wire.ERROR_JAVA) instanceof String ref) ? javaExceptions.apply(ref) : null;
	}

}
