package dev.esem.internal.proxy;

import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import dev.esem.Kwargs;
import dev.esem.NDArray;
import dev.esem.PyObject;
import dev.esem.annotation.PythonAttribute;
import dev.esem.annotation.PythonBatch;
import dev.esem.annotation.PythonKeyword;
import dev.esem.annotation.PythonName;
import dev.esem.annotation.PythonTimeout;
import dev.esem.internal.Durations;
import dev.esem.internal.protocol.ResultForm;

/**
 * How one interface method calls Python, worked out once per method: the Python name,
 * blocking, asynchronous or streamed, the result type, the timeout, and which
 * parameters are keywords.
 */
final class MethodPlan {

	/** How a result reaches the caller. */
	enum Shape {

		/** The value, converted to the result type. */
		VALUE,
		/** A {@code CompletableFuture} of it. */
		FUTURE,
		/** A {@code Stream} of its items, each converted to the result type. */
		STREAM,
		/** An {@code Iterator} of them. */
		ITERATOR,
		/** An {@code Iterable} that can be iterated once. */
		ITERABLE

	}

	final String pythonName;

	final Shape shape;

	/** The type of the value, or of each item of a stream. */
	final Type resultType;

	/** The declared result is a handle (a {@code PyObject} or an interface): Python sends a ref. */
	final boolean resultAsHandle;

	/** How the worker is to send the result: as a handle, a list, a map or the value it is. */
	final ResultForm resultForm;

	/** The method's own timeout, or {@code null}. */
	final Duration timeout;

	/** The method reads an attribute ({@code @PythonAttribute}) instead of calling. */
	final boolean attribute;

	/** The method's {@code @PythonBatch}, or {@code null}. */
	final Batching batching;

	/** Keyword name per parameter, {@code null} for positional ones. */
	private final String[] keywords;

	/** The trailing varargs parameter goes to Python as that many positional arguments ({@code *args}). */
	private final boolean spreadsVarargs;

	/** The position of a {@code Kwargs} parameter, or -1: its keywords join the keyword parameters, last. */
	private final int kwargsIndex;

	/** Whether the Java arguments need rearranging at all: not for positional ones and a trailing Kwargs. */
	private final boolean rearranges;

	private MethodPlan(String pythonName, Shape shape, Type resultType, Duration timeout, String[] keywords,
			boolean attribute, boolean spreadsVarargs, int kwargsIndex, Batching batching) {
		this.pythonName = pythonName;
		this.batching = batching;
		this.shape = shape;
		this.resultType = resultType;
		this.resultAsHandle = isHandleType(resultType);
		this.resultForm = this.resultAsHandle ? ResultForm.HANDLE : formOf(resultType);
		this.timeout = timeout;
		this.keywords = keywords;
		this.attribute = attribute;
		this.spreadsVarargs = spreadsVarargs;
		this.kwargsIndex = kwargsIndex;
		boolean any = false;
		for (String keyword : keywords) {
			any |= keyword != null;
		}
		this.rearranges = any || spreadsVarargs || (kwargsIndex >= 0 && kwargsIndex < keywords.length - 1);
	}

	static MethodPlan of(Method method) {
		PythonName name = method.getAnnotation(PythonName.class);
		PythonAttribute attribute = method.getAnnotation(PythonAttribute.class);
		if (attribute != null && method.getParameterCount() > 0) {
			throw new IllegalStateException("@PythonAttribute on " + method + ": an attribute read takes no parameters");
		}
		Shape shape = shapeOf(method.getReturnType());
		Type resultType = method.getGenericReturnType();
		if (shape != Shape.VALUE) {
			resultType = (resultType instanceof ParameterizedType generic) ? generic.getActualTypeArguments()[0]
					: Object.class;
		}
		PythonTimeout timeout = method.getAnnotation(PythonTimeout.class);
		Parameter[] parameters = method.getParameters();
		String[] keywords = new String[parameters.length];
		int kwargsIndex = -1;
		for (int i = 0; i < parameters.length; i++) {
			if (parameters[i].getType() == Kwargs.class) {
				kwargsIndex = i;
			}
			PythonKeyword keyword = parameters[i].getAnnotation(PythonKeyword.class);
			if (keyword != null) {
				keywords[i] = keywordName(method, parameters[i], keyword);
			}
		}
		String pythonName = (attribute != null) ? attribute.value() : (name != null) ? name.value() : method.getName();
		PythonBatch batch = method.getAnnotation(PythonBatch.class);
		return new MethodPlan(pythonName, shape, resultType, (timeout != null) ? timeoutOf(method, timeout) : null,
				keywords, attribute != null, method.isVarArgs(), kwargsIndex,
				(batch != null) ? Batching.of(method, shape, batch) : null);
	}

	private static Shape shapeOf(Class<?> returnType) {
		if (CompletableFuture.class.isAssignableFrom(returnType)) {
			return Shape.FUTURE;
		}
		if (returnType == Stream.class) {
			return Shape.STREAM;
		}
		if (returnType == Iterator.class) {
			return Shape.ITERATOR;
		}
		return (returnType == Iterable.class) ? Shape.ITERABLE : Shape.VALUE;
	}

	private static Duration timeoutOf(Method method, PythonTimeout timeout) {
		try {
			return Durations.positive(Durations.parse(timeout.value()), "@PythonTimeout");
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("@PythonTimeout on " + method + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * A declared list, collection, array (but {@code byte[]}) or {@code NDArray} asks for
	 * any Python sequence or array-like as one; a declared map for any mapping (a Series: index to
	 * value).
	 */
	private static ResultForm formOf(Type type) {
		Class<?> raw = (type instanceof ParameterizedType generic && generic.getRawType() instanceof Class<?> c) ? c
				: (type instanceof Class<?> c) ? c : null;
		if (raw == null || raw == byte[].class) {
			return ResultForm.VALUE;
		}
		if (raw.isArray() || raw == List.class || raw == Collection.class || raw == Iterable.class
				|| raw == NDArray.class) {
			return ResultForm.LIST;
		}
		return Map.class.isAssignableFrom(raw) ? ResultForm.MAP : ResultForm.VALUE;
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
		if (!this.rearranges) {
			return args;
		}
		List<Object> positional = new ArrayList<>(args.length + 1);
		Map<String, Object> named = new LinkedHashMap<>();
		for (int i = 0; i < args.length; i++) {
			if (this.keywords[i] != null) {
				named.put(this.keywords[i], args[i]);
			}
			else if (i == this.kwargsIndex) {
				if (args[i] != null) {
					named.putAll(((Kwargs) args[i]).asMap());
				}
			}
			else if (this.spreadsVarargs && i == args.length - 1) {
				spread(args[i], positional);
			}
			else {
				positional.add(args[i]);
			}
		}
		if (!named.isEmpty()) {
			positional.add(Kwargs.from(named));
		}
		return positional.toArray();
	}

	/** The items of a varargs array (primitive or not) as positional arguments. */
	private static void spread(Object array, List<Object> positional) {
		if (array != null) {
			for (int i = 0, length = Array.getLength(array); i < length; i++) {
				positional.add(Array.get(array, i));
			}
		}
	}

}
