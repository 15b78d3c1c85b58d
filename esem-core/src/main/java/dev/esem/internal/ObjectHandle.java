package dev.esem.internal;

import java.lang.ref.Cleaner;
import java.lang.reflect.Type;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import dev.esem.PyObject;
import dev.esem.PythonInstance;
import dev.esem.PythonWorkerException;
import dev.esem.internal.proxy.PythonInvocationHandler;
import dev.esem.internal.proxy.PythonTarget;
import dev.esem.internal.registry.ObjectState;
import dev.esem.internal.worker.CallTarget;
import dev.esem.internal.worker.Calls;
import dev.esem.internal.worker.Worker;

/**
 * A Python object that lives in one worker process. Calls on it go to that process;
 * once released, or once that process has ended, calls fail at once naming the ref id.
 */
final class ObjectHandle implements PyObject, PythonInstance, PythonTarget {

	private final BridgeRuntime runtime;

	private final Worker worker;

	private final ObjectState state;

	private final ClassShape shape;

	private Cleaner.Cleanable cleanable;

	ObjectHandle(BridgeRuntime runtime, Worker worker, ObjectState state, ClassShape shape) {
		this.runtime = runtime;
		this.worker = worker;
		this.state = state;
		this.shape = shape;
	}

	void watch(Cleaner.Cleanable cleanable) {
		this.cleanable = cleanable;
	}

	/** The worker the object lives in. */
	Worker worker() {
		return this.worker;
	}

	@Override
	public String refId() {
		return this.state.refId();
	}

	@Override
	public String pythonClass() {
		return this.state.pythonClass();
	}

	String module() {
		return this.state.module();
	}

	@Override
	public Set<String> methods() {
		return this.shape.methods();
	}

	/** What a call of {@code member} addresses. */
	CallTarget target(String member) {
		return this.shape.target(member);
	}

	@Override
	public Object call(String method, Object... args) {
		return Calls.await(this.runtime.invoke(this, method, args, true));
	}

	@Override
	public CompletableFuture<Object> callAsync(String method, Object... args) {
		return this.runtime.invoke(this, method, args, false);
	}

	@Override
	public Object get(String attribute) {
		return Calls.await(this.runtime.objectAttribute(this, attribute, true));
	}

	@Override
	public <T> T as(Class<T> type) {
		checkUsable();
		return PythonInvocationHandler.proxy(this, type);
	}

	@Override
	public boolean isReleased() {
		return this.state.isReleased();
	}

	@Override
	public void release() {
		this.state.release();
		if (this.cleanable != null) {
			this.cleanable.clean();
		}
	}

	@Override
	public void close() {
		release();
	}

	/** The worker to call, after checking that the object is neither released nor stale. */
	Worker checkUsable() {
		if (this.state.isReleased()) {
			throw new IllegalStateException(
					"Python object " + refId() + " (" + pythonClass() + ") was released; it can no longer be used");
		}
		if (!this.worker.isAlive()) {
			throw new PythonWorkerException("Python object " + refId() + " (" + pythonClass() + ") lived in "
					+ this.worker.name() + ", which has ended; the object is gone. Cause: " + this.worker.endReason());
		}
		return this.worker;
	}

	@Override
	public <T> T view(PyObject object, Class<T> type) {
		return object.as(type);
	}

	@Override
	public Object convert(Object value, Type type) {
		return this.runtime.convert(value, type);
	}

	@Override
	public String toString() {
		return "PyObject[" + refId() + " " + module() + "." + pythonClass() + (isReleased() ? ", released" : "") + "]";
	}

}
