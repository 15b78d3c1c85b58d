package dev.esem.internal.convert;

import java.lang.reflect.Type;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.esem.PythonConversionException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Turns a failed conversion of a result into a {@link PythonConversionException} whose
 * message names where the value sits, the value as Python would write it, and the Java
 * type it could not become.
 */
final class ConversionErrors {

	/** Jackson's hints at its own settings, which do not apply to a bridge's results. */
	private static final Pattern SETTING_HINT = Pattern
		.compile("\\s*\\((but (could|might) if|set `|set Deserialization)[^)]*\\)|: disable \\S+ to allow");

	/** A value that the path does not lead to in the result (inside an array, say). */
	static final Object UNKNOWN = new Object();

	/** The longest value text a message shows. */
	private static final int MAX_VALUE_TEXT = 80;

	private ConversionErrors() {
	}

	/** The failure of converting {@code value} (the whole result) to {@code type}. */
	static PythonConversionException of(Object value, Type type, JacksonException failure) {
		StringBuilder path = new StringBuilder();
		Object at = value;
		boolean known = true;
		for (JacksonException.Reference reference : failure.getPath()) {
			String property = reference.getPropertyName();
			if (property != null) {
				if (path.length() > 0) {
					path.append('.');
				}
				path.append(property);
				known = known && at instanceof Map<?, ?> map && map.containsKey(property);
				at = known ? ((Map<?, ?>) at).get(property) : null;
			}
			else if (reference.getIndex() >= 0) {
				int index = reference.getIndex();
				path.append('[').append(index).append(']');
				known = known && at instanceof List<?> list && index < list.size();
				at = known ? ((List<?>) at).get(index) : null;
			}
		}
		String target = (failure instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null)
				? mismatch.getTargetType().getTypeName() : type.getTypeName();
		String reason = SETTING_HINT.matcher(failure.getOriginalMessage()).replaceAll("");
		return failure(path.toString(), known ? at : UNKNOWN, target, reason);
	}

	static PythonConversionException failure(String path, Object value, String target, String reason) {
		StringBuilder message = new StringBuilder("Cannot convert ");
		message.append((value == UNKNOWN) ? "the Python value" : "the Python value " + describe(value));
		if (!path.isEmpty()) {
			message.append(" at ").append(path);
		}
		message.append(" to ").append(target).append(": ").append(reason);
		return new PythonConversionException(path, message.toString());
	}

	/** The value as Python wrote it, with its Python type: {@code 1.7 (float)}, {@code '1' (str)}. */
	static String describe(Object value) {
		if (value == null) {
			return "None (a missing value)";
		}
		if (value instanceof String text) {
			String shown = (text.length() > MAX_VALUE_TEXT) ? text.substring(0, MAX_VALUE_TEXT) + "..." : text;
			return "'" + shown + "' (str)";
		}
		if (value instanceof Boolean flag) {
			return (flag ? "True" : "False") + " (bool)";
		}
		if (value instanceof Double number) {
			return (number.isNaN() ? "nan" : number.isInfinite() ? (number > 0 ? "inf" : "-inf") : number.toString())
					+ " (float)";
		}
		if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
			return value + " (int)";
		}
		if (value instanceof Map<?, ?>) {
			return "of type dict";
		}
		if (value instanceof List<?>) {
			return "of type list";
		}
		String text = String.valueOf(value);
		return ((text.length() > MAX_VALUE_TEXT) ? text.substring(0, MAX_VALUE_TEXT) + "..." : text) + " ("
				+ value.getClass().getSimpleName() + ")";
	}

}
