package dev.esem.maven;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * What a compiled {@code @PythonModule} or {@code @PythonClass} interface asks of Python,
 * read the way esem's proxies read it: each abstract method calls the Python function
 * or method of its name ({@code @PythonName} overrides), its parameters go by position
 * except those annotated {@code @PythonKeyword} and a trailing {@code Kwargs}; default
 * methods run in Java and {@code PythonInstance}'s methods reach the object itself.
 *
 * <p>The annotations are read by name, not by type: the interfaces come from the
 * project's class loader, with the project's own esem-core.
 *
 * @param name the interface's name without its package ({@code Shapes.Square} when nested)
 * @param spec the module spec of its annotation
 * @param pythonClass the Python class name of a {@code @PythonClass} interface, {@code null} for a module
 * @param methods the methods that call Python, in a stable order
 * @param problems what is wrong with the interface itself, such as an annotation on a class
 */
record InterfaceBinding(String name, String spec, String pythonClass, List<BoundMethod> methods,
		List<String> problems) {

	static final String PYTHON_MODULE = "dev.esem.annotation.PythonModule";

	static final String PYTHON_CLASS = "dev.esem.annotation.PythonClass";

	private static final String PYTHON_NAME = "dev.esem.annotation.PythonName";

	private static final String PYTHON_KEYWORD = "dev.esem.annotation.PythonKeyword";

	private static final String PYTHON_ATTRIBUTE = "dev.esem.annotation.PythonAttribute";

	private static final String KWARGS = "dev.esem.Kwargs";

	/** Methods that proxies answer themselves. */
	private static final Set<String> PROXY_TYPES = Set.of("java.lang.Object", "java.lang.AutoCloseable",
			"dev.esem.PythonInstance");

	/**
	 * One method that calls Python.
	 *
	 * @param javaName the method's name
	 * @param pythonName the function or method it calls
	 * @param positional how many arguments it passes by position
	 * @param keywords the keyword names it passes
	 * @param kwargs whether it takes a {@code Kwargs} parameter, which may pass any keyword
	 * @param varargs whether its last parameter is varargs, which pass any number of positional arguments
	 * @param attribute whether it reads an attribute ({@code @PythonAttribute}) rather than calling
	 * @param problems what is wrong with the method itself, whatever Python says
	 */
	record BoundMethod(String javaName, String pythonName, int positional, List<String> keywords, boolean kwargs,
			boolean varargs, boolean attribute, List<String> problems) {

		BoundMethod(String javaName, String pythonName, int positional, List<String> keywords, boolean kwargs,
				List<String> problems) {
			this(javaName, pythonName, positional, keywords, kwargs, false, false, problems);
		}

	}

	/** The binding of an interface annotated {@code @PythonModule} or {@code @PythonClass}; {@code null} otherwise. */
	static InterfaceBinding of(Class<?> type) {
		String name = displayName(type);
		List<String> problems = new ArrayList<>();
		String spec;
		String pythonClass = null;
		Annotation module = annotation(type, PYTHON_MODULE);
		Annotation cls = annotation(type, PYTHON_CLASS);
		if (module != null) {
			spec = member(module, "value");
		}
		else if (cls != null) {
			spec = member(cls, "module");
			pythonClass = member(cls, "name").isEmpty() ? type.getSimpleName() : member(cls, "name");
		}
		else {
			return null;
		}
		if (!type.isInterface()) {
			problems.add("@" + ((module != null) ? "PythonModule" : "PythonClass") + " is on a class: esem binds "
					+ "interfaces only");
			return new InterfaceBinding(name, spec, pythonClass, List.of(), problems);
		}
		List<BoundMethod> methods = new ArrayList<>();
		Method[] declared = type.getMethods();
		Arrays.sort(declared, Comparator.comparing(Method::getName)
			.thenComparing(Method::getParameterCount)
			.thenComparing(Method::toGenericString));
		for (Method method : declared) {
			if (!method.isDefault() && !Modifier.isStatic(method.getModifiers()) && !method.isSynthetic()
					&& !PROXY_TYPES.contains(method.getDeclaringClass().getName())) {
				methods.add(bound(method));
			}
		}
		return new InterfaceBinding(name, spec, pythonClass, methods, problems);
	}

	private static BoundMethod bound(Method method) {
		Annotation pythonName = annotation(method, PYTHON_NAME);
		int positional = 0;
		List<String> keywords = new ArrayList<>();
		boolean kwargs = false;
		List<String> problems = new ArrayList<>();
		Parameter[] parameters = method.getParameters();
		for (int i = 0; i < parameters.length; i++) {
			Annotation keyword = annotation(parameters[i], PYTHON_KEYWORD);
			if (keyword != null) {
				String value = member(keyword, "value");
				if (!value.isEmpty()) {
					keywords.add(value);
				}
				else if (parameters[i].isNamePresent()) {
					keywords.add(parameters[i].getName());
				}
				else {
					problems.add("@PythonKeyword on parameter " + (i + 1) + " needs a name: give it one, or compile "
							+ "with -parameters");
				}
			}
			else if (parameters[i].getType().getName().equals(KWARGS)) {
				kwargs = true;
			}
			else if (method.isVarArgs() && i == parameters.length - 1) {
				continue; // any number of positional arguments: *args
			}
			else {
				positional++;
			}
		}
		Annotation attribute = annotation(method, PYTHON_ATTRIBUTE);
		if (attribute != null && parameters.length > 0) {
			problems.add("@PythonAttribute reads an attribute: the method takes no parameters");
		}
		String name = (attribute != null) ? member(attribute, "value")
				: (pythonName != null) ? member(pythonName, "value") : method.getName();
		return new BoundMethod(method.getName(), name, positional, List.copyOf(keywords), kwargs, method.isVarArgs(),
				attribute != null, List.copyOf(problems));
	}

	/** {@code com.example.Shapes$Square} → {@code Shapes.Square}. */
	private static String displayName(Class<?> type) {
		String name = type.getName();
		return name.substring(name.lastIndexOf('.') + 1).replace('$', '.');
	}

	private static Annotation annotation(AnnotatedElement element, String typeName) {
		for (Annotation annotation : element.getAnnotations()) {
			if (annotation.annotationType().getName().equals(typeName)) {
				return annotation;
			}
		}
		return null;
	}

	private static String member(Annotation annotation, String member) {
		try {
			return (String) annotation.annotationType().getMethod(member).invoke(annotation);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("Cannot read " + member + "() of " + annotation, ex);
		}
	}

}
