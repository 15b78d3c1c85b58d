package dev.esem.internal.json;

import dev.esem.PyObject;
import dev.esem.PythonInstance;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Refuses to write a Python object handle as JSON: it is a live object in a worker, not
 * a value, and as a bean it would silently become {@code {"released":false}} (in a
 * response body, say, or when a result holding one is read into a record).
 */
public final class HandleSerializer extends StdSerializer<Object> {

	public HandleSerializer() {
		super(Object.class);
	}

	@Override
	public void serialize(Object handle, JsonGenerator out, SerializationContext context) {
		String pythonClass = (handle instanceof PyObject object) ? object.pythonClass()
				: ((PythonInstance) handle).refId();
		throw DatabindException.from(out, message(pythonClass, "JSON"));
	}

	/** What a conversion of a handle of {@code pythonClass} to {@code target} says when it fails. */
	public static String message(String pythonClass, String target) {
		return "Cannot convert a Python " + pythonClass + " object to " + target
				+ ": it is a live object in the worker, not a value (declare PyObject or an interface to keep it, "
				+ "or return a value from Python: a dict, a dataclass, a list...)";
	}

}
