package dev.esem;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * A Python module loaded by a {@link PythonBridge}. Calls go to the least-busy worker;
 * each worker imports the module on first use.
 */
public interface PyModule {

	/** The spec this module was loaded from: a file path or an importable name. */
	String spec();

	/** The module's {@code __name__}. */
	String name();

	/** Calls a module-level function and waits for its result. */
	Object call(String function, Object... args);

	CompletableFuture<Object> callAsync(String function, Object... args);

	/**
	 * Calls a function and iterates its result (any iterable, generator or async
	 * generator), lazily, in batches pulled ahead of the consumer. Close the stream
	 * ({@code try}-with-resources) to close the Python generator early; reaching its end
	 * closes it too.
	 */
	Stream<Object> stream(String function, Object... args);

	/** A view of this module whose calls time out after {@code timeout} instead of the bridge's call timeout. */
	PyModule withTimeout(Duration timeout);

	/** Reads a module attribute (a constant, or any object as a {@link PyObject}). */
	Object get(String attribute);

	/** Instantiates a class of this module. */
	PyObject construct(String className, Object... args);

	CompletableFuture<PyObject> constructAsync(String className, Object... args);

	/** A typed factory: each {@code create(...)} makes a new Python instance viewed as {@code type}. */
	<T> PythonFactory<T> factory(String className, Class<T> type);

	/** A Java interface whose methods call this module's functions of the same name. */
	<T> T bind(Class<T> moduleInterface);

	/** The module's public names. */
	Set<String> exports();

	/** The module's public names with their kind, signature, first doc line and (for classes) methods. */
	List<PyExport> exportDetails();

}
