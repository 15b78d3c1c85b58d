package dev.esem.internal.proxy;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import dev.esem.BatchedFunction;
import dev.esem.PyObject;
import dev.esem.PythonInstance;

/**
 * Backs an interface proxy: each abstract method calls the Python function or method of
 * its plan, default methods run in Java, and {@link PythonInstance} methods reach the
 * object itself.
 */
public final class PythonInvocationHandler implements InvocationHandler {

	private static final ClassValue<Map<Method, MethodPlan>> PLANS = new ClassValue<>() {
		@Override
		protected Map<Method, MethodPlan> computeValue(Class<?> type) {
			return new ConcurrentHashMap<>();
		}
	};

	private static final ClassValue<Map<Method, MethodHandle>> DEFAULT_METHODS = new ClassValue<>() {
		@Override
		protected Map<Method, MethodHandle> computeValue(Class<?> type) {
			return new ConcurrentHashMap<>();
		}
	};

	private final PythonTarget target;

	private final Class<?> type;

	/** The target with each {@code @PythonTimeout} of the interface applied. */
	private final Map<Duration, PythonTarget> timed = new ConcurrentHashMap<>();

	/** The batched function of each {@code @PythonBatch} method, shared by the callers of this proxy. */
	private final Map<Method, BatchedFunction> batched = new ConcurrentHashMap<>();

	private PythonInvocationHandler(PythonTarget target, Class<?> type) {
		this.target = target;
		this.type = type;
	}

	/** A proxy of {@code type} over {@code target}. */
	public static <T> T proxy(PythonTarget target, Class<T> type) {
		if (!type.isInterface()) {
			throw new IllegalArgumentException(type.getName() + " is not an interface: esem views Python through "
					+ "Java interfaces");
		}
		Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type },
				new PythonInvocationHandler(target, type));
		return type.cast(proxy);
	}

	/** The module or object this proxy calls. */
	public PythonTarget target() {
		return this.target;
	}

	@Override
	public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
		Class<?> declaring = method.getDeclaringClass();
		if (declaring == Object.class) {
			return objectMethod(proxy, method, args);
		}
		if (method.isDefault()) {
			return defaultMethod(method).bindTo(proxy).invokeWithArguments((args != null) ? args : new Object[0]);
		}
		if (declaring == PythonInstance.class || declaring == AutoCloseable.class) {
			return instanceMethod(method, args);
		}
		MethodPlan plan = PLANS.get(this.type).computeIfAbsent(method, MethodPlan::of);
		PythonTarget target = (plan.timeout != null) ? this.timed.computeIfAbsent(plan.timeout,
				this.target::withTimeoutOf) : this.target;
		if (plan.batching != null) {
			return batched(target, method, plan, args[0]);
		}
		Object[] arguments = plan.arguments(args);
		return switch (plan.shape) {
			case VALUE -> convert(plan.attribute ? target.attribute(plan.pythonName)
					: target.request(plan.pythonName, arguments, plan.resultForm), plan);
			case FUTURE -> target.requestAsync(plan.pythonName, arguments, plan.resultForm)
				.thenApply(value -> convert(value, plan));
			case STREAM -> items(target, plan, arguments);
			case ITERATOR -> items(target, plan, arguments).iterator();
			case ITERABLE -> onceIterable(items(target, plan, arguments));
		};
	}

	/** A call of a {@code @PythonBatch} method: its item joins a batch of this proxy's batched function. */
	private Object batched(PythonTarget target, Method method, MethodPlan plan, Object item) {
		BatchedFunction function = this.batched.computeIfAbsent(method,
				key -> target.batched(plan.pythonName, plan.batching.maxSize(), plan.batching.maxDelay()));
		if (plan.shape == MethodPlan.Shape.FUTURE) {
			return function.callAsync(item).thenApply(value -> convert(value, plan));
		}
		return convert(function.call(item), plan);
	}

	private Stream<Object> items(PythonTarget target, MethodPlan plan, Object[] arguments) {
		return target.stream(plan.pythonName, arguments).map(item -> convert(item, plan));
	}

	/** An {@code Iterable} over a stream: a Python iterator can be gone through once. */
	private static Iterable<Object> onceIterable(Stream<Object> items) {
		AtomicBoolean used = new AtomicBoolean();
		return () -> {
			if (used.getAndSet(true)) {
				throw new IllegalStateException("This Iterable over a Python iterator can be iterated only once");
			}
			return items.iterator();
		};
	}

	/** Runs a {@link PythonInstance} method on the object itself, throwing what it throws. */
	private Object instanceMethod(Method method, Object[] args) throws Throwable {
		if (!method.getDeclaringClass().isInstance(this.target)) {
			throw new UnsupportedOperationException(this.type.getName() + "." + method.getName() + " needs a Python "
					+ "object, but this proxy calls the functions of " + this.target);
		}
		try {
			return method.invoke(this.target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

	/** A handle on a default method; works for interfaces that are not public, unlike invokeDefault. */
	private static MethodHandle defaultMethod(Method method) throws IllegalAccessException {
		MethodHandle handle = DEFAULT_METHODS.get(method.getDeclaringClass()).get(method);
		if (handle == null) {
			Class<?> declaring = method.getDeclaringClass();
			handle = MethodHandles.privateLookupIn(declaring, MethodHandles.lookup()).unreflectSpecial(method, declaring);
			DEFAULT_METHODS.get(declaring).put(method, handle);
		}
		return handle;
	}

	private Object convert(Object value, MethodPlan plan) {
		if (plan.resultAsHandle && value instanceof PyObject object && plan.resultType instanceof Class<?> resultClass
				&& !resultClass.isInstance(value)) {
			return this.target.view(object, resultClass);
		}
		return this.target.convert(value, plan.resultType);
	}

	private Object objectMethod(Object proxy, Method method, Object[] args) {
		return switch (method.getName()) {
			case "equals" -> proxy == args[0];
			case "hashCode" -> System.identityHashCode(proxy);
			default -> this.type.getSimpleName() + "[" + this.target + "]";
		};
	}

}
