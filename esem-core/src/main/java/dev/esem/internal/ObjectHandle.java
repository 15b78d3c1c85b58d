package dev.esem.internal;

import java.lang.ref.Cleaner;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import dev.esem.BatchedFunction;
import dev.esem.PyObject;
import dev.esem.PythonInstance;
import dev.esem.PythonWorkerException;
import dev.esem.internal.protocol.ResultForm;
import dev.esem.internal.proxy.PythonInvocationHandler;
import dev.esem.internal.proxy.PythonTarget;
import dev.esem.internal.registry.ObjectState;
import dev.esem.internal.worker.CallTarget;
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

	/** The deadline of this handle's calls, or {@code null} for the bridge's call timeout. */
	private final Duration timeout;

	/** For a view with its own timeout: the handle it views, kept reachable by it; else {@code null}. */
	private final ObjectHandle viewed;

	ObjectHandle(BridgeRuntime runtime, Worker worker, ObjectState state, ClassShape shape) {
		this(runtime, worker, state, shape, null, null);
	}

	private ObjectHandle(BridgeRuntime runtime, Worker worker, ObjectState state, ClassShape shape, Duration timeout,
			ObjectHandle viewed) {
		this.runtime = runtime;
		this.worker = worker;
		this.state = state;
		this.shape = shape;
		this.timeout = timeout;
		this.viewed = viewed;
	}

	Duration timeout() {
		return this.timeout;
	}

	@Override
	public PyObject withTimeout(Duration timeout) {
		ObjectHandle original = (this.viewed != null) ? this.viewed : this;
		return new ObjectHandle(this.runtime, this.worker, this.state, this.shape,
				Durations.positive(timeout, "timeout"), original);
	}

	@Override
	public PythonTarget withTimeoutOf(Duration timeout) {
		return (ObjectHandle) withTimeout(timeout);
	}

	@Override
	public Stream<Object> stream() {
		return this.runtime.calls().stream(this.runtime.calls().iterate(this));
	}

	/** Calls a method and iterates its result, like {@link dev.esem.PyModule#stream}. */
	@Override
	public Stream<Object> stream(String method, Object... args) {
		return this.runtime.calls().stream(this.runtime.calls().method(this, method, args, ResultForm.STREAM));
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
		return this.runtime.calls().execute(this.runtime.calls().method(this, method, args, ResultForm.VALUE));
	}

	@Override
	public CompletableFuture<Object> callAsync(String method, Object... args) {
		return this.runtime.calls().submit(() -> this.runtime.calls().method(this, method, args, ResultForm.VALUE));
	}

	@Override
	public Object request(String name, Object[] args, ResultForm form) {
		return this.runtime.calls().execute(this.runtime.calls().method(this, name, args, form));
	}

	@Override
	public CompletableFuture<Object> requestAsync(String name, Object[] args, ResultForm form) {
		return this.runtime.calls().submit(() -> this.runtime.calls().method(this, name, args, form));
	}

	/** A batched method of this object: its batches go one at a time to the object's worker. */
	@Override
	public BatchedFunction batched(String method, int maxSize, Duration maxDelay) {
		checkUsable();
		return this.runtime.batcher(target(method), maxSize, maxDelay, 1, this.timeout,
				(batch, deadline) -> this.runtime.calls().submit(() -> this.runtime.calls().batch(this, method, batch, deadline)));
	}

	@Override
	public Object attribute(String name) {
		return get(name);
	}

	@Override
	public Object get(String attribute) {
		return this.runtime.calls().execute(this.runtime.calls().objectAttribute(this, attribute));
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
		if (this.viewed != null) {
			this.viewed.release();
			return;
		}
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
