package dev.esem.internal.callback;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import dev.esem.PythonCallback;

/**
 * A Java function that Python may call: one of the functional types that cross (see
 * {@link PythonCallback}), with the number of arguments it takes and how it is run.
 */
final class JavaFunction {

	/** Runs the function with arguments whose number has been checked. */
	@FunctionalInterface
	private interface Invoker {

		Object invoke(List<Object> args);

	}

	private final Object target;

	private final String kind;

	private final int arity;

	private final Invoker invoker;

	private JavaFunction(Object target, String kind, int arity, Invoker invoker) {
		this.target = target;
		this.kind = kind;
		this.arity = arity;
		this.invoker = invoker;
	}

	/** The function behind {@code value}, or {@code null} when it is none of the types that cross. */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	static JavaFunction of(Object value) {
		if (value instanceof PythonCallback callback) {
			return new JavaFunction(value, "PythonCallback", -1, args -> callback.call(args.toArray()));
		}
		if (value instanceof Function function) {
			return new JavaFunction(value, "Function", 1, args -> function.apply(args.get(0)));
		}
		if (value instanceof BiFunction function) {
			return new JavaFunction(value, "BiFunction", 2, args -> function.apply(args.get(0), args.get(1)));
		}
		if (value instanceof Supplier supplier) {
			return new JavaFunction(value, "Supplier", 0, args -> supplier.get());
		}
		if (value instanceof Consumer consumer) {
			return new JavaFunction(value, "Consumer", 1, args -> {
				consumer.accept(args.get(0));
				return null;
			});
		}
		if (value instanceof BiConsumer consumer) {
			return new JavaFunction(value, "BiConsumer", 2, args -> {
				consumer.accept(args.get(0), args.get(1));
				return null;
			});
		}
		if (value instanceof Predicate predicate) {
			return new JavaFunction(value, "Predicate", 1, args -> predicate.test(args.get(0)));
		}
		if (value instanceof Runnable runnable) {
			return new JavaFunction(value, "Runnable", 0, args -> {
				runnable.run();
				return null;
			});
		}
		return null;
	}

	Object target() {
		return this.target;
	}

	/** Python passed a number of arguments the function does not take (a {@code TypeError} there). */
	static final class WrongArguments extends IllegalArgumentException {

		WrongArguments(String message) {
			super(message);
		}

	}

	/** Runs the function with Python's arguments; throws {@link WrongArguments} when their number does not fit. */
	Object invoke(List<Object> args) {
		if (this.arity >= 0 && args.size() != this.arity) {
			throw new WrongArguments("a Java " + this.kind + " takes " + this.arity + " argument"
					+ ((this.arity == 1) ? "" : "s") + ", " + args.size() + " given");
		}
		return this.invoker.invoke(args);
	}

}
