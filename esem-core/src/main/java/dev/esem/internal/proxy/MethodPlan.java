package dev.esem.internal.proxy;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.esem.Kwargs;
import dev.esem.PyObject;
import dev.esem.annotation.PythonKeyword;
import dev.esem.annotation.PythonName;

/**
 * How one interface method calls Python, worked out once per method: the Python name,
 * blocking or asynchronous, the result type, and which parameters are keywords.
 */
final class MethodPlan {

	final String pythonName;

	final boolean async;

	final Type resultType;

	/** The declared result is a handle (a {@code PyObject} or an interface): Python sends a ref. */
	final boolean resultAsHandle;

	/** Keyword name per parameter, {@code null} for positional ones. */
	private final String[] keywords;

	private final boolean anyKeyword;

	private MethodPlan(String pythonName, boolean async, Type resultType, String[] keywords) {
		this.pythonName = pythonName;
		this.async = async;
		this.resultType = resultType;
		this.resultAsHandle = isHandleType(resultType);
		this.keywords = keywords;
		boolean any = false;
		for (String keyword : keywords) {
			any |= keyword != null;
		}
		this.anyKeyword = any;
	}

	static MethodPlan of(Method method) {
		PythonName name = method.getAnnotation(PythonName.class);
		boolean async = CompletableFuture.class.isAssignableFrom(method.getReturnType());
		Type resultType = method.getGenericReturnType();
		if (async) {
			resultType = (resultType instanceof ParameterizedType generic) ? generic.getActualTypeArguments()[0]
					: Object.class;
		}
		Parameter[] parameters = method.getParameters();
		String[] keywords = new String[parameters.length];
		for (int i = 0; i < parameters.length; i++) {
			PythonKeyword keyword = parameters[i].getAnnotation(PythonKeyword.class);
			if (keyword != null) {
				keywords[i] = keywordName(method, parameters[i], keyword);
			}
		}
		return new MethodPlan((name != null) ? name.value() : method.getName(), async, resultType, keywords);
	}

	/** {@code PyObject} and its subtypes, and interfaces outside the JDK (collections stay values). */
	private static boolean isHandleType(Type type) {
		return type instanceof Class<?> declared && (PyObject.class.isAssignableFrom(declared)
				|| declared.isInterface() && !declared.getName().startsWith("java."));
	}

	private static String keywordName(Method method, Parameter parameter, PythonKeyword keyword) {
		if (!keyword.value().isEmpty()) {
			return keyword.value();
		}
		if (!parameter.isNamePresent()) {
			throw new IllegalStateException("@PythonKeyword on a parameter of " + method
					+ " needs a name: give it one, or compile with -parameters");
		}
		return parameter.getName();
	}

	/** The Python call arguments for the Java ones, with keyword parameters moved into a trailing Kwargs. */
	Object[] arguments(Object[] args) {
		if (args == null) {
			return new Object[0];
		}
		if (!this.anyKeyword) {
			return args;
		}
		Object[] positional = new Object[args.length + 1];
		int count = 0;
		Map<String, Object> named = new LinkedHashMap<>();
		for (int i = 0; i < args.length; i++) {
			if (this.keywords[i] != null) {
				named.put(this.keywords[i], args[i]);
			}
			else {
				positional[count++] = args[i];
			}
		}
		positional[count++] = Kwargs.from(named);
		return java.util.Arrays.copyOf(positional, count);
	}

}
