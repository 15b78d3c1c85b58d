package dev.esem.internal;

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
 * {@link PythonCallback}), with the number of arguments it takes.
 */
final class JavaFunction {

	private final Object target;

	private final String kind;

	private final int arity;

	private JavaFunction(Object target, String kind, int arity) {
		this.target = target;
		this.kind = kind;
		this.arity = arity;
	}

	/**
	 * The function behind {@code value}, or {@code null} when it is none of the types that
	 * cross. A JDK object that merely implements one of them (a {@code Thread} is a
	 * {@code Runnable}) is no function: only lambdas, method references and the
	 * application's own classes are.
	 */
	static JavaFunction of(Object value) {
		if (value == null || isPlatformObject(value.getClass())) {
			return null;
		}
		if (value instanceof PythonCallback) {
			return new JavaFunction(value, "PythonCallback", -1);
		}
		if (value instanceof Function) {
			return new JavaFunction(value, "Function", 1);
		}
		if (value instanceof BiFunction) {
			return new JavaFunction(value, "BiFunction", 2);
		}
		if (value instanceof Supplier) {
			return new JavaFunction(value, "Supplier", 0);
		}
		if (value instanceof Consumer) {
			return new JavaFunction(value, "Consumer", 1);
		}
		if (value instanceof BiConsumer) {
			return new JavaFunction(value, "BiConsumer", 2);
		}
		if (value instanceof Predicate) {
			return new JavaFunction(value, "Predicate", 1);
		}
		if (value instanceof Runnable) {
			return new JavaFunction(value, "Runnable", 0);
		}
		return null;
	}

	private static boolean isPlatformObject(Class<?> type) {
		String name = type.getName();
		return !type.isSynthetic() && !type.isHidden() && (name.startsWith("java.") || name.startsWith("javax.")
				|| name.startsWith("jdk.") || name.startsWith("sun.") || name.startsWith("com.sun."));
	}

	Object target() {
		return this.target;
	}

	String kind() {
		return this.kind;
	}

	/** Python passed a number of arguments the function does not take (a {@code TypeError} there). */
	static final class WrongArguments extends IllegalArgumentException {

		WrongArguments(String message) {
			super(message);
		}

	}

	/** Runs the function with Python's arguments; throws {@link WrongArguments} when their number does not fit. */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	Object invoke(List<Object> args) {
		if (this.arity >= 0 && args.size() != this.arity) {
			throw new WrongArguments("a Java " + this.kind + " takes " + this.arity + " argument"
					+ ((this.arity == 1) ? "" : "s") + ", " + args.size() + " given");
		}
		return switch (this.kind) {
			case "PythonCallback" -> ((PythonCallback) this.target).call(args.toArray());
			case "Function" -> ((Function) this.target).apply(args.get(0));
			case "BiFunction" -> ((BiFunction) this.target).apply(args.get(0), args.get(1));
			case "Supplier" -> ((Supplier) this.target).get();
			case "Consumer" -> {
				((Consumer) this.target).accept(args.get(0));
				yield null;
			}
			case "BiConsumer" -> {
				((BiConsumer) this.target).accept(args.get(0), args.get(1));
				yield null;
			}
			case "Predicate" -> ((Predicate) this.target).test(args.get(0));
			default -> {
				((Runnable) this.target).run();
				yield null;
			}
		};
	}

}
