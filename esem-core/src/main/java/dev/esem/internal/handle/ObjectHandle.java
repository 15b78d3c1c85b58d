package dev.esem.internal.handle;

import java.lang.ref.Cleaner;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Stream;

import dev.esem.BatchedFunction;
import dev.esem.PyObject;
import dev.esem.PythonInstance;
import dev.esem.PythonWorkerException;
import dev.esem.internal.Durations;
import dev.esem.internal.protocol.ResultForm;
import dev.esem.internal.proxy.PythonInvocationHandler;
import dev.esem.internal.proxy.PythonTarget;
import dev.esem.internal.registry.ObjectState;
import dev.esem.internal.worker.Call;
import dev.esem.internal.worker.CallTarget;
import dev.esem.internal.worker.Worker;

/**
 * A Python object that lives in one worker process. Calls on it go to that process;
 * once released, or once that process has ended, calls fail at once naming the ref id.
 */
final class ObjectHandle extends DirectHandle implements PyObject, PythonInstance {

	private final Worker worker;

	private final ObjectState state;

	private final ClassShape shape;

	private Cleaner.Cleanable cleanable;

	/** The deadline of this handle's calls, or {@code null} for the bridge's call timeout. */
	private final Duration timeout;

	/** For a view with its own timeout: the handle it views, kept reachable by it; else {@code null}. */
	private final ObjectHandle viewed;

	ObjectHandle(HandleContext context, Worker worker, ObjectState state, ClassShape shape) {
		this(context, worker, state, shape, null, null);
	}

	private ObjectHandle(HandleContext context, Worker worker, ObjectState state, ClassShape shape, Duration timeout,
			ObjectHandle viewed) {
		super(context);
		this.worker = worker;
		this.state = state;
		this.shape = shape;
		this.timeout = timeout;
		this.viewed = viewed;
	}

	@Override
	Duration timeout() {
		return this.timeout;
	}

	/** One batch at a time: the object's worker runs them one after the other anyway. */
	@Override
	int batchCapacity() {
		return 1;
	}

	@Override
	Call newCall(String method, Object[] args, ResultForm form) {
		return calls().method(this, method, args, form);
	}

	@Override
	Call attributeCall(String name) {
		return calls().objectAttribute(this, name);
	}

	@Override
	Call batchCall(String method, Object batch, Duration timeout) {
		return calls().batch(this, method, batch, timeout);
	}

	@Override
	public PyObject withTimeout(Duration timeout) {
		ObjectHandle original = (this.viewed != null) ? this.viewed : this;
		return new ObjectHandle(this.context, this.worker, this.state, this.shape,
				Durations.positive(timeout, "timeout"), original);
	}

	@Override
	public PythonTarget withTimeoutOf(Duration timeout) {
		return (ObjectHandle) withTimeout(timeout);
	}

	@Override
	public Stream<Object> stream() {
		return calls().stream(calls().iterate(this));
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

	@Override
	CallTarget target(String member) {
		return this.shape.target(member);
	}

	ClassShape shape() {
		return this.shape;
	}

	/** A batched method of this object: its batches go one at a time to the object's worker. */
	@Override
	public BatchedFunction batched(String method, int maxSize, Duration maxDelay) {
		checkUsable();
		return super.batched(method, maxSize, maxDelay);
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
	public String toString() {
		return "PyObject[" + refId() + " " + module() + "." + pythonClass() + (isReleased() ? ", released" : "") + "]";
	}

}
