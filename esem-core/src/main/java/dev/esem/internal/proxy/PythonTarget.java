package dev.esem.internal.proxy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import dev.esem.BatchedFunction;
import dev.esem.PyObject;
import dev.esem.internal.protocol.ResultForm;

/** What an interface proxy calls: a module's functions or an object's methods. */
public interface PythonTarget {

	/**
	 * Calls {@code name} and waits for its result, which comes back in {@code form} (a
	 * handle whatever its Python type when the method declares one, a list or a map when
	 * it declares one of those).
	 */
	Object request(String name, Object[] args, ResultForm form);

	/** The same, asynchronously. */
	CompletableFuture<Object> requestAsync(String name, Object[] args, ResultForm form);

	/** Calls and iterates the result: see {@link dev.esem.PyModule#stream}. */
	Stream<Object> stream(String name, Object... args);

	/** {@code name} as a batched function: see {@link dev.esem.PyModule#batched}. */
	BatchedFunction batched(String name, int maxSize, Duration maxDelay);

	/** Reads an attribute of the module or object: see {@link dev.esem.annotation.PythonAttribute}. */
	default Object attribute(String name) {
		throw new UnsupportedOperationException(this + " has no attributes to read");
	}

	/** This target with its calls' deadline set to {@code timeout}. */
	PythonTarget withTimeoutOf(Duration timeout);

	/** Views a Python object returned by a call through {@code type}. */
	<T> T view(PyObject object, Class<T> type);

	/** Converts a result to a Java type through the bridge's Jackson mapper. */
	Object convert(Object value, java.lang.reflect.Type type);

}
