package dev.esem.maven;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

import javax.lang.model.SourceVersion;

/**
 * Java names for Python ones: {@code my_tools} → {@code MyTools} for a module interface,
 * {@code unit_price} → {@code unitPrice} for a method, parameter or record component.
 * A name that Java cannot use as it is (a keyword such as {@code new}, or a method that
 * every proxy already has such as {@code close}) gets a trailing underscore; the
 * generated code then names the Python side explicitly.
 */
final class JavaNames {

	/** The methods of {@code Object}: a record component or method by these names would clash with them. */
	private static final Set<String> OBJECT_METHODS = Set.of("getClass", "hashCode", "equals", "clone", "toString",
			"notify", "notifyAll", "wait", "finalize");

	/** The methods of {@code PythonInstance}, which a proxy answers itself. */
	private static final Set<String> INSTANCE_METHODS = Set.of("refId", "release", "close", "call");

	private JavaNames() {
	}

	/** {@code my_tools} → {@code MyTools}. */
	static String typeName(String pythonName) {
		StringBuilder name = new StringBuilder();
		for (String segment : segments(pythonName)) {
			name.append(capitalized(segment));
		}
		return usable((name.length() > 0) ? name.toString() : "Module");
	}

	/**
	 * A method name: {@code unit_price} → {@code unitPrice}; {@code new} → {@code new_}, and
	 * {@code close} → {@code close_} since every instance proxy has a {@code close()} of its own.
	 */
	static String methodName(String pythonName) {
		String name = camel(pythonName);
		return (OBJECT_METHODS.contains(name) || INSTANCE_METHODS.contains(name)) ? name + "_" : usable(name);
	}

	/** A record component name, whose accessor must not clash with a method of {@code Object}. */
	static String componentName(String pythonName) {
		String name = camel(pythonName);
		return OBJECT_METHODS.contains(name) ? name + "_" : usable(name);
	}

	/**
	 * A getter for a constant or property: {@code MAX_SIZE} → {@code getMaxSize},
	 * {@code area} → {@code getArea}.
	 */
	static String getterName(String pythonName) {
		String name = pythonName.equals(pythonName.toUpperCase(Locale.ROOT)) ? pythonName.toLowerCase(Locale.ROOT)
				: pythonName;
		return "get" + typeName(name);
	}

	/** A parameter name. */
	static String parameterName(String pythonName) {
		return usable(camel(pythonName));
	}

	private static String camel(String pythonName) {
		StringBuilder name = new StringBuilder();
		for (String segment : segments(pythonName)) {
			if (name.length() > 0) {
				name.append(capitalized(segment));
			}
			else if (segment.equals(segment.toUpperCase(Locale.ROOT))) {
				name.append(segment.toLowerCase(Locale.ROOT)); // URL -> url
			}
			else {
				name.append(Character.toLowerCase(segment.charAt(0))).append(segment, 1, segment.length());
			}
		}
		return (name.length() > 0) ? name.toString() : "value";
	}

	/** A package segment for a directory name: lower case, letters, digits and underscores. */
	static String packageSegment(String directory) {
		return usable(directory.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_"));
	}

	/** The parts of a Python name between underscores (and other characters Java names cannot hold). */
	private static String[] segments(String pythonName) {
		return Arrays.stream(pythonName.split("[^\\p{javaJavaIdentifierPart}]|_"))
			.filter((segment) -> !segment.isEmpty())
			.toArray(String[]::new);
	}

	private static String capitalized(String segment) {
		return Character.toUpperCase(segment.charAt(0)) + segment.substring(1);
	}

	private static String usable(String name) {
		if (name.isEmpty() || !Character.isJavaIdentifierStart(name.charAt(0))) {
			name = "_" + name;
		}
		return (SourceVersion.isKeyword(name) || name.equals("_")) ? name + "_" : name;
	}

}
