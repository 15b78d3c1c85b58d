package dev.esem;

import java.util.concurrent.CompletableFuture;

/**
 * A Python class constructor as a factory of typed instances. Each call makes a new
 * Python instance; release it (or use {@link PythonInstance#close()}) when done.
 *
 * @param <T> the Java interface the instances are viewed through
 */
public interface PythonFactory<T> {

	T create(Object... args);

	CompletableFuture<T> createAsync(Object... args);

}
