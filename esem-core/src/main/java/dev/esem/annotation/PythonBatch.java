package dev.esem.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Dynamic batching for a method of a typed module or instance interface that takes one
 * item: concurrent calls coalesce into one Python call whose argument is the list of
 * their items (one stacked ndarray for {@code NDArray} or primitive-array items), and
 * item {@code i} of the result goes back to caller {@code i}.
 * <p>
 * A batch leaves as soon as a worker is free to take it or it holds {@link #maxSize()}
 * items, and never waits longer than {@link #maxDelay()}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface PythonBatch {

	/** The most items one Python call takes. */
	int maxSize() default 64;

	/**
	 * The longest a call waits for others to join its batch: {@code "5ms"}, {@code "1s"}
	 * or ISO-8601; a number alone is milliseconds.
	 */
	String maxDelay() default "5ms";

}
