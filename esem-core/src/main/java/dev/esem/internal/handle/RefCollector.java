package dev.esem.internal.handle;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import dev.esem.internal.callback.JavaFunctions;
import dev.esem.internal.protocol.RequestFrame;
import dev.esem.internal.protocol.ValueEncoder;
import dev.esem.internal.proxy.PythonInvocationHandler;
import dev.esem.internal.worker.Worker;

/**
 * Turns Python object handles met among a call's arguments into ref ids, and notes the
 * worker they live in: the call must run there, since a ref only resolves in its own
 * worker.
 */
public final class RefCollector implements ValueEncoder.RefWriter {

	private final JavaFunctions registry;

	private final List<String> functions = new ArrayList<>();

	private Worker owner;

	public RefCollector(JavaFunctions registry) {
		this.registry = registry;
	}

	/**
	 * Registers a Java function met among the arguments, so Python can call it; returns
	 * its id, or {@code null} when {@code value} is not a function that crosses.
	 */
	@Override
	public String functionIdOf(Object value) {
		String id = this.registry.registerIfFunction(value);
		if (id != null) {
			this.functions.add(id);
		}
		return id;
	}

	/** Encodes a request with this collector; the functions registered for it are dropped when it cannot be. */
	public RequestFrame encode(Supplier<RequestFrame> encoding) {
		try {
			return encoding.get();
		}
		catch (RuntimeException ex) {
			this.registry.drop(this.functions);
			throw ex;
		}
	}

	/** The ids of the functions registered for this call. */
	public List<String> functions() {
		return this.functions;
	}

	/** The handle behind a value, or {@code null} when it is not one. */
	static ObjectHandle handleOf(Object value) {
		if (value instanceof ObjectHandle handle) {
			return handle;
		}
		if (value != null && Proxy.isProxyClass(value.getClass())
				&& Proxy.getInvocationHandler(value) instanceof PythonInvocationHandler handler
				&& handler.target() instanceof ObjectHandle handle) {
			return handle;
		}
		return null;
	}

	@Override
	public String refIdOf(Object value) {
		ObjectHandle handle = handleOf(value);
		if (handle == null) {
			return null;
		}
		Worker worker = handle.checkUsable();
		if (this.owner != null && this.owner != worker) {
			throw new IllegalArgumentException("Python objects from two different workers (" + this.owner.name()
					+ " and " + worker.name() + ") cannot be passed to one call");
		}
		this.owner = worker;
		return handle.refId();
	}

	/** The worker the call must run in, or {@code null} when any will do. */
	public Worker owner() {
		return this.owner;
	}

}
