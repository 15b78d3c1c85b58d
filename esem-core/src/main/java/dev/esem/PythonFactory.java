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

	/**
	 * A new instance; waits for the worker, so a constructor that raises throws its
	 * {@link PythonException} here.
	 */
	T create(Object... args);

	/**
	 * A new instance, its constructor sent without waiting for the worker (see
	 * {@link PyModule#constructPipelined}): a constructor that raises throws nothing here,
	 * but fails every use of the instance with its {@link PythonException} until the
	 * instance is released. The first instance made through this factory's module, and
	 * any whose arguments hold Python objects or Java functions, waits as
	 * {@link #create} does.
	 */
	T createPipelined(Object... args);

	CompletableFuture<T> createAsync(Object... args);

	/**
	 * One instance in every worker, viewed as one object: see
	 * {@link PyModule#constructReplicated}. Release it (or close the bridge) to end every
	 * replica.
	 */
	T replicated(Object... args);

}
