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

	/**
	 * Instantiates a class of this module and waits for the worker's answer: a constructor
	 * that raises throws its {@link PythonException} here.
	 */
	PyObject construct(String className, Object... args);

	CompletableFuture<PyObject> constructAsync(String className, Object... args);

	/**
	 * Instantiates a class of this module without waiting for the worker: the object's id
	 * is named on the Java side, the constructor is sent one-way, and the handle returns at
	 * once. Calls on the object go to the same worker right behind the constructor, which
	 * the worker runs first, so a construct, a call and a release cost about one round
	 * trip instead of two.
	 * <p>
	 * What it does not promise: that the constructor succeeded. A constructor that raises
	 * throws nothing here; instead every use of the object (a call, an attribute read,
	 * passing it as an argument) fails with the constructor's own {@link PythonException}
	 * (its Python type, message and traceback) until the object is released; releasing
	 * such an object is quiet. Use {@link #construct} where a failing constructor must be
	 * reported at construction, as when it validates its arguments. The constructor has no
	 * timeout of its own, and nothing interrupts it: the first call behind it waits for it,
	 * within that call's timeout, and a constructor still running after that timeout and
	 * the timeout grace counts as a stuck call (its worker may be replaced).
	 * <p>
	 * The handle is like one from {@link #construct}: released with {@code release()} or
	 * {@code close()}, tracked for leaks, stale once its worker ends. Its
	 * {@link PyObject#pythonClass()} and {@link PyObject#methods()} are those of the first
	 * instance of the class made here. This method waits for the worker, as
	 * {@link #construct} does, when the class has not been constructed before through this
	 * module (or a view of it from {@link #withTimeout}) with {@link #construct},
	 * {@link #constructAsync} or this method, since its methods are not known yet; when an
	 * argument is a Python object or a Java function; and when no worker is ready at the
	 * moment. Then a failing constructor throws here.
	 */
	PyObject constructPipelined(String className, Object... args);

	/**
	 * One instance of a class in every worker of the pool, built now on the workers
	 * running and on every worker started later (a restart, a recycling) before it takes
	 * calls. Each call on the returned object goes to the least-busy worker's replica, so
	 * the object never goes stale and uses every worker; {@code release()} ends every
	 * replica. State is per replica: use it for objects that are read after their
	 * construction, like trained models. The arguments must be values (no Python objects
	 * or Java functions): each worker gets its own copy.
	 */
	PyObject constructReplicated(String className, Object... args);

	/**
	 * {@code function} as a {@link BatchedFunction}: concurrent calls of it coalesce into
	 * batches of at most {@code maxSize} items, each waiting at most {@code maxDelay}.
	 */
	BatchedFunction batched(String function, int maxSize, Duration maxDelay);

	/** A typed factory: each {@code create(...)} makes a new Python instance viewed as {@code type}. */
	<T> PythonFactory<T> factory(String className, Class<T> type);

	/** A Java interface whose methods call this module's functions of the same name. */
	<T> T bind(Class<T> moduleInterface);

	/** The module's public names. */
	Set<String> exports();

	/** The module's public names with their kind, signature, first doc line and (for classes) methods. */
	List<PyExport> exportDetails();

}
