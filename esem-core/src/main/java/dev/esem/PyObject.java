package dev.esem;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import dev.esem.internal.json.HandleSerializer;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * A live Python object held in the registry of the worker that created it. Every call
 * on it goes to that worker. Release it when done ({@code try}-with-resources works);
 * an object that becomes unreachable without release is released for you and counted
 * as leaked. While Java holds it, a call that returns the same Python object (a method
 * that returns {@code self}) returns this very handle.
 * <p>
 * A handle is not a value: Jackson refuses to write it as JSON, and a typed method
 * cannot read it into a record, map, POJO or array.
 */
@JsonSerialize(using = HandleSerializer.class)
public interface PyObject extends AutoCloseable {

	/** The registry id, like {@code py_obj_1_k2f9q1x0}. */
	String refId();

	/** The Python class name, like {@code Calculator}. */
	String pythonClass();

	/** The public methods discovered when the object reached Java. */
	Set<String> methods();

	/**
	 * Calls a method and waits for its result. A method not listed in {@link #methods()}
	 * is still dispatched to Python by name.
	 */
	Object call(String method, Object... args);

	CompletableFuture<Object> callAsync(String method, Object... args);

	/** Iterates this object ({@code iter(obj)} in Python), like {@link PyModule#stream}. */
	Stream<Object> stream();

	/**
	 * A view of this object whose calls time out after {@code timeout} instead of the
	 * bridge's call timeout. The view holds the object: releasing either releases it.
	 */
	PyObject withTimeout(Duration timeout);

	/**
	 * {@code method} as a {@link BatchedFunction}: concurrent calls of it coalesce into
	 * batches of at most {@code maxSize} items, each waiting at most {@code maxDelay}.
	 */
	BatchedFunction batched(String method, int maxSize, Duration maxDelay);

	/** Reads an attribute of the object. */
	Object get(String attribute);

	/** Views this object through a Java interface whose methods map to its methods. */
	<T> T as(Class<T> type);

	/** Whether {@link #release()} was called (or the object was collected as a leak). */
	boolean isReleased();

	/** Drops the object from the worker's registry. Idempotent; does not wait for Python. */
	void release();

	/** Same as {@link #release()}. */
	@Override
	void close();

}
