package dev.esem.internal.proxy;

import java.lang.reflect.Method;
import java.time.Duration;

import dev.esem.annotation.PythonBatch;
import dev.esem.annotation.PythonKeyword;
import dev.esem.internal.Durations;

/**
 * A method's {@code @PythonBatch}, checked: the method takes one item and returns its
 * result, or a future of it.
 */
record Batching(int maxSize, Duration maxDelay) {

	static Batching of(Method method, MethodPlan.Shape shape, PythonBatch batch) {
		if (method.getParameterCount() != 1 || method.getParameters()[0].isAnnotationPresent(PythonKeyword.class)) {
			throw new IllegalStateException("@PythonBatch on " + method + " needs a method that takes one item "
					+ "(one positional parameter); the Python function takes the list of the items");
		}
		if (shape != MethodPlan.Shape.VALUE && shape != MethodPlan.Shape.FUTURE) {
			throw new IllegalStateException("@PythonBatch on " + method + " needs a method that returns one "
					+ "result or a CompletableFuture of it, not a stream");
		}
		if (batch.maxSize() < 1) {
			throw new IllegalStateException("@PythonBatch on " + method + ": maxSize must be at least 1, not "
					+ batch.maxSize());
		}
		try {
			return new Batching(batch.maxSize(), Durations.positive(Durations.parse(batch.maxDelay()), "maxDelay"));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("@PythonBatch on " + method + ": " + ex.getMessage(), ex);
		}
	}

}
