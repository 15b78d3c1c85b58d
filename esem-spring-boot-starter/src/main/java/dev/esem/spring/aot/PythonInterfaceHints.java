package dev.esem.spring.aot;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import dev.esem.PyObject;
import dev.esem.PythonInstance;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;

/**
 * The native-image hints one Java view of Python needs: a JDK proxy of the interface
 * (esem's proxies implement the interface alone), its methods for reflection (esem
 * reads their annotations and generic types, and runs default methods through method
 * handles), and binding hints for the records and POJOs that cross as arguments and
 * results, through every generic level ({@code List<Quote>}, {@code CompletableFuture<Quote>},
 * {@code Stream<Row>}, {@code Map<String, List<Quote>>}). An interface that a method
 * returns is a view of a Python object: it gets the same hints, in turn.
 * <p>
 * The starter applies this to every scanned {@code @PythonModule} and {@code @PythonClass}
 * interface. An application that binds other interfaces itself ({@code PyModule.bind},
 * {@code PyObject.as}) registers them from its own {@code RuntimeHintsRegistrar}.
 */
public final class PythonInterfaceHints {

	private final BindingReflectionHintsRegistrar bindings = new BindingReflectionHintsRegistrar();

	private final RuntimeHints hints;

	private final Set<Class<?>> seen = new HashSet<>();

	private PythonInterfaceHints(RuntimeHints hints) {
		this.hints = hints;
	}

	/** Registers in {@code hints} what calling Python through {@code types} needs in a native image. */
	public static void register(RuntimeHints hints, Class<?>... types) {
		PythonInterfaceHints registrar = new PythonInterfaceHints(hints);
		for (Class<?> type : types) {
			registrar.view(type);
		}
	}

	private void view(Class<?> type) {
		if (!type.isInterface()) {
			throw new IllegalArgumentException(type.getName() + " is not an interface: esem views Python through "
					+ "Java interfaces");
		}
		if (!this.seen.add(type)) {
			return;
		}
		// the one interface PythonInvocationHandler.proxy creates its proxies with
		this.hints.proxies().registerJdkProxy(type);
		for (Method method : type.getMethods()) {
			Class<?> declaring = method.getDeclaringClass();
			if (Modifier.isStatic(method.getModifiers()) || declaring == PythonInstance.class
					|| declaring == AutoCloseable.class) {
				continue; // not proxied, or registered once for all by EsemRuntimeHints
			}
			// the interface or one it extends
			this.hints.reflection().registerType(declaring, MemberCategory.INVOKE_PUBLIC_METHODS);
			if (!method.isDefault()) {
				result(method.getGenericReturnType());
				for (Type parameter : method.getGenericParameterTypes()) {
					argument(parameter);
				}
			}
		}
	}

	/** A result: a view of a Python object when an interface outside the JDK, else a value. */
	private void result(Type type) {
		Type item = itemType(type);
		if (item instanceof Class<?> view && isView(view)) {
			view(view);
		}
		else {
			this.bindings.registerReflectionHints(this.hints.reflection(), item);
		}
	}

	/**
	 * An argument: a value, unless it is an interface outside the JDK (a view of a Python
	 * object passed back, or a callback), which crosses as what it is, not as a bean.
	 */
	private void argument(Type type) {
		Class<?> raw = rawClass(type);
		if (raw == null || !raw.isInterface() || isJdk(raw)) {
			this.bindings.registerReflectionHints(this.hints.reflection(), type);
		}
	}

	/** The declared type of the value, or of each item of a future, stream, iterator or iterable. */
	private static Type itemType(Type type) {
		Class<?> raw = rawClass(type);
		boolean container = raw != null && (CompletableFuture.class.isAssignableFrom(raw) || raw == Stream.class
				|| raw == Iterator.class || raw == Iterable.class);
		if (!container) {
			return type;
		}
		return (type instanceof ParameterizedType generic) ? generic.getActualTypeArguments()[0] : Object.class;
	}

	/** An interface that esem turns a Python object into: any outside the JDK but the handle type itself. */
	private static boolean isView(Class<?> type) {
		return type.isInterface() && !isJdk(type) && !type.isAssignableFrom(PyObject.class)
				&& type != PythonInstance.class;
	}

	private static boolean isJdk(Class<?> type) {
		return type.getName().startsWith("java.");
	}

	private static Class<?> rawClass(Type type) {
		if (type instanceof Class<?> raw) {
			return raw;
		}
		return (type instanceof ParameterizedType generic && generic.getRawType() instanceof Class<?> raw) ? raw
				: null;
	}

}
