package dev.esem.internal.protocol;

/**
 * Recognises Java functions: lambdas, method references, and objects of a functional
 * interface ({@code java.util.function}, {@code Runnable}, {@code Comparator}, any
 * {@code @FunctionalInterface}). Those that cross as Python callables are found first
 * ({@link ValueEncoder.RefWriter#functionIdOf}); any other is refused, since as a bean
 * it would arrive as an empty dict.
 */
final class Functions {

	private static final ClassValue<Boolean> FUNCTIONS = new ClassValue<>() {
		@Override
		protected Boolean computeValue(Class<?> type) {
			if (isLambda(type)) {
				return true;
			}
			for (Class<?> c = type; c != null; c = c.getSuperclass()) {
				for (Class<?> contract : c.getInterfaces()) {
					if (isFunctional(contract)) {
						return true;
					}
				}
			}
			return false;
		}
	};

	private Functions() {
	}

	static boolean isFunction(Class<?> type) {
		return FUNCTIONS.get(type);
	}

	/** The error for a Java function of a type that does not cross. */
	static IllegalArgumentException refused(Class<?> type) {
		return new IllegalArgumentException("Cannot pass a Java function (" + type.getName()
				+ ") to Python: only java.util.function's Function, BiFunction, Supplier, Consumer, "
				+ "BiConsumer and Predicate, Runnable and dev.esem.PythonCallback cross; wrap it in one of them");
	}

	/** The class of a lambda or a method reference. */
	static boolean isLambda(Class<?> type) {
		return type.isSynthetic() || type.isHidden();
	}

	private static boolean isFunctional(Class<?> contract) {
		if (contract.isAnnotationPresent(FunctionalInterface.class)
				|| contract.getPackageName().equals("java.util.function")) {
			return true;
		}
		for (Class<?> parent : contract.getInterfaces()) {
			if (isFunctional(parent)) {
				return true;
			}
		}
		return false;
	}

}
