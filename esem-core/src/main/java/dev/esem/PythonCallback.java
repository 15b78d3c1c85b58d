package dev.esem;

/**
 * A Java function that Python calls with any number of positional arguments. Passed as
 * an argument (also inside a list, map or record), it reaches Python as a callable; so
 * do the {@code java.util.function} types {@code Function}, {@code BiFunction},
 * {@code Supplier}, {@code Consumer}, {@code BiConsumer}, {@code Predicate} and
 * {@link Runnable}. It runs on a bridge thread; what it returns goes back to Python, and
 * what it throws is raised in Python as {@code JavaException}.
 */
@FunctionalInterface
public interface PythonCallback {

	Object call(Object... args);

}
