package dev.esem.internal.handle;

import java.lang.reflect.Type;
import java.util.concurrent.CompletableFuture;

import dev.esem.PyObject;
import dev.esem.internal.protocol.ResultForm;
import dev.esem.internal.proxy.PythonTarget;

/**
 * What every handle of the bridge shares, module or object, replicated or not: a call
 * is a request for a value, an attribute is read with {@code get}, a returned object is
 * viewed through its own {@code as}, and results convert through the bridge's mapper.
 */
abstract class PythonHandle implements PythonTarget {

	final HandleContext context;

	PythonHandle(HandleContext context) {
		this.context = context;
	}

	/** Reads an attribute of the module or object. */
	public abstract Object get(String attribute);

	public Object call(String name, Object... args) {
		return request(name, args, ResultForm.VALUE);
	}

	public CompletableFuture<Object> callAsync(String name, Object... args) {
		return requestAsync(name, args, ResultForm.VALUE);
	}

	@Override
	public Object attribute(String name) {
		return get(name);
	}

	@Override
	public <T> T view(PyObject object, Class<T> type) {
		return object.as(type);
	}

	@Override
	public Object convert(Object value, Type type) {
		return this.context.convert(value, type);
	}

}
