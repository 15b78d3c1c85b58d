package dev.esem;

import java.util.concurrent.CompletableFuture;

/**
 * A Python class constructor as a factory of typed instances. Each {@code create} makes a
 * new Python instance; release it (or use {@link PythonInstance#close()}) when done.
 * {@code replicated} makes one that lives in every worker.
 *
 * @param <T> the Java interface the instances are viewed through
 */
public interface PythonFactory<T> {

	T create(Object... args);

	CompletableFuture<T> createAsync(Object... args);

	/**
	 * One instance in every worker, viewed as one object: see
	 * {@link PyModule#constructReplicated}. Release it (or close the bridge) to end every
	 * replica.
	 */
	T replicated(Object... args);

}
