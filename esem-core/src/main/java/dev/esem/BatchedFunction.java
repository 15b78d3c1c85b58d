package dev.esem;

import java.util.concurrent.CompletableFuture;

/**
 * A Python function or method that takes a batch: each call passes one item, concurrent
 * calls coalesce into one Python call whose argument is the list of their items (one
 * ndarray stacking them, for {@link NDArray} or primitive-array items), and item
 * {@code i} of the sequence it returns goes back to caller {@code i}.
 * <p>
 * A batch leaves as soon as a worker is free to take it or it is full, and never waits
 * longer than its {@code maxDelay}. A result item that is a Python exception instance
 * fails its own caller; a raise, or a result that is no sequence of the batch's length,
 * fails every caller of the batch. Each caller's timeout counts from its own call. Made by
 * {@link PyModule#batched} and {@link PyObject#batched}; {@code @PythonBatch} does the
 * same for a method of a typed interface.
 */
public interface BatchedFunction {

	/** Calls with one item and waits for its own result. */
	Object call(Object item);

	CompletableFuture<Object> callAsync(Object item);

}
