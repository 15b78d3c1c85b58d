package dev.esem.internal.handle;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Stream;

import dev.esem.internal.BridgeOptions;
import dev.esem.internal.callback.JavaFunctions;
import dev.esem.internal.protocol.RequestEncoder;
import dev.esem.internal.protocol.RequestFrame;
import dev.esem.internal.protocol.ResultForm;
import dev.esem.internal.protocol.Wire;
import dev.esem.internal.worker.Call;
import dev.esem.internal.worker.CallListener;
import dev.esem.internal.worker.CallTarget;
import dev.esem.internal.worker.Calls;
import dev.esem.internal.worker.Worker;
import dev.esem.internal.worker.WorkerPool;
import dev.esem.monitor.CallOutcome;

/**
 * Where every call of the handles is built and sent, in one place each: the request
 * encoded (the Java functions among its arguments registered, the worker its Python
 * objects pin it to noted), the timeout and creation site stamped, the checks made, the
 * worker chosen, and the call handed to it.
 * <pre>
 * handle ── builds ──▶ Call ── execute/submit ──▶ WorkerPool.route ──▶ Worker ──▶ CallLedger ── ends ──▶ Call
 * </pre>
 */
final class CallPath {

	private static final CallTarget INTERNAL_NEXT = CallTarget.internal(Wire.OP_NEXT);

	private static final CallTarget INTERNAL_CLOSE = CallTarget.internal(Wire.OP_CLOSE);

	private static final CallTarget INTERNAL_LOAD = CallTarget.internal(Wire.OP_LOAD);

	private final BridgeOptions options;

	private final RequestEncoder requests;

	private final JavaFunctions functions;

	private final WorkerPool pool;

	private final ReplyObjects results;

	private final CallListener listener;

	/**
	 * @param results how the values of replies are read (the Python objects become handles)
	 * @param listener hears of the calls that never reach a worker
	 */
	CallPath(BridgeOptions options, RequestEncoder requests, JavaFunctions functions, WorkerPool pool,
			ReplyObjects results, CallListener listener) {
		this.options = options;
		this.requests = requests;
		this.functions = functions;
		this.pool = pool;
		this.results = results;
		this.listener = listener;
	}

	/** A module function call, its result to come back in {@code form}; throws when an argument cannot cross. */
	Call function(ModuleHandle module, String function, Object[] args, ResultForm form) {
		RefCollector refs = new RefCollector(this.functions);
		RequestFrame request = refs.encode(() -> this.requests.call(module.spec(), function, args, form, refs));
		return call(module.target(function), request, module.timeout(), refs).pinnedTo(refs.owner());
	}

	/** A constructor call; its value is a {@link dev.esem.PyObject}. */
	Call construct(ModuleHandle module, String className, Object[] args) {
		RefCollector refs = new RefCollector(this.functions);
		RequestFrame request = refs.encode(() -> this.requests.construct(module.spec(), className, args, refs));
		return call(module.target(className), request, module.timeout(), refs).pinnedTo(refs.owner())
			.makingObject(refs.owner() == null);
	}

	/**
	 * Constructs an instance of a class of known {@code shape} without waiting: the ref id
	 * is named here, the constructor goes one-way, and the handle comes back at once; the
	 * calls on it follow the constructor on the same worker, which reads requests in
	 * order. A constructor that raises fails every use of the object with its exception.
	 * Returns {@code null}, having sent nothing, when the waiting construct must be used:
	 * no worker is ready now, or an argument is a Python object (the new object must live
	 * where it does) or a Java function (its hold needs the reply). Counted in the
	 * statistics as a call that succeeded once it is sent.
	 */
	ObjectHandle constructPipelined(ModuleHandle module, String className, ClassShape shape, Object[] args) {
		this.pool.checkOpen();
		CompletableFuture<Worker> route = this.pool.route(true);
		if (!route.isDone() || route.isCompletedExceptionally()) {
			return null; // the waiting construct waits for a worker, or reports why there is none
		}
		Worker worker = route.join();
		String refId = worker.newRefId();
		RefCollector refs = new RefCollector(this.functions);
		RequestFrame request = refs
			.encode(() -> this.requests.constructNamed(module.spec(), className, refId, args, refs));
		if (refs.owner() != null || !refs.functions().isEmpty()) {
			this.functions.drop(refs.functions());
			return null;
		}
		// The handle first: the worker counts it as a live object before the object can exist.
		ObjectHandle handle = (ObjectHandle) this.results.adopt(worker, refId, shape.pythonClass(), shape.module(),
				shape.methodList(), this.options.trackCreationSite() ? new Throwable("Python object created here") : null);
		CallTarget target = module.target(className);
		this.listener.callStarted(target);
		try {
			worker.sendOneWay(request);
		}
		catch (RuntimeException ex) {
			this.listener.callEnded(target, CallOutcome.WORKER_ERROR, 0);
			handle.release(); // never sent: nothing in Python to release
			throw ex;
		}
		this.listener.callEnded(target, CallOutcome.SUCCESS, 0);
		return handle;
	}

	/** A method call, its result to come back in {@code form}. */
	Call method(ObjectHandle object, String method, Object[] args, ResultForm form) {
		RefCollector refs = new RefCollector(this.functions);
		Worker worker = object.checkUsable();
		refs.refIdOf(object);
		RequestFrame request = refs.encode(() -> this.requests.invoke(object.refId(), method, args, form, refs));
		return call(object.target(method), request, object.timeout(), refs).pinnedTo(worker).about(object.refId());
	}

	/** A stream over an object itself. */
	Call iterate(ObjectHandle object) {
		Worker worker = object.checkUsable();
		return call(object.target("__iter__"), this.requests.iterate(object.refId()), object.timeout(), null)
			.pinnedTo(worker)
			.about(object.refId());
	}

	Call moduleAttribute(ModuleHandle module, String name) {
		return call(module.target(name), this.requests.moduleAttribute(module.spec(), name), module.timeout(), null);
	}

	Call objectAttribute(ObjectHandle object, String name) {
		Worker worker = object.checkUsable();
		return call(object.target(name), this.requests.objectAttribute(object.refId(), name), object.timeout(), null)
			.pinnedTo(worker)
			.about(object.refId());
	}

	/** One call of a batched module function with a batch of items. */
	Call batch(ModuleHandle module, String function, Object batch, Duration timeout) {
		RefCollector refs = new RefCollector(this.functions);
		RequestFrame request = refs.encode(() -> this.requests.batch(module.spec(), null, function, batch, refs));
		return call(module.target(function), request, timeout, refs).pinnedTo(refs.owner());
	}

	/** One call of a batched method with a batch of items. */
	Call batch(ObjectHandle object, String method, Object batch, Duration timeout) {
		RefCollector refs = new RefCollector(this.functions);
		Worker worker = object.checkUsable();
		RequestFrame request = refs.encode(() -> this.requests.batch(null, object.refId(), method, batch, refs));
		return call(object.target(method), request, timeout, refs).pinnedTo(worker);
	}

	/** The next batch of a stream: a map with {@code items} and {@code done}. */
	Call next(ObjectHandle stream, int max, Duration timeout) {
		Worker worker = stream.checkUsable();
		return call(INTERNAL_NEXT, this.requests.next(stream.refId(), max), timeout, null).pinnedTo(worker);
	}

	/** Closes a stream's generator. */
	Call close(ObjectHandle stream) {
		Worker worker = stream.checkUsable();
		return call(INTERNAL_CLOSE, this.requests.close(stream.refId()), null, null).pinnedTo(worker);
	}

	/** Imports a module; its value describes the module's exports. */
	Call load(String spec, Duration timeout) {
		return call(INTERNAL_LOAD, this.requests.load(spec), timeout, null);
	}

	/** Constructs a replica on {@code worker}: the arguments must be values. */
	Call replica(Worker worker, ModuleHandle module, String className, Object[] args) {
		RefCollector refs = new RefCollector(this.functions);
		RequestFrame request = refs.encode(() -> this.requests.construct(module.spec(), className, args, refs));
		if (refs.owner() != null || !refs.functions().isEmpty()) {
			this.functions.drop(refs.functions());
			throw new IllegalArgumentException("The arguments of replicated " + module.name() + "." + className
					+ " must be values: each worker builds its own replica, so Python objects and Java "
					+ "functions cannot be among them");
		}
		return call(module.target(className), request, this.options.startupTimeout(), null).pinnedTo(worker)
			.makingObject(true);
	}

	/**
	 * A call of {@code request}; {@code timeout} {@code null} for the bridge's call
	 * timeout, {@code refs} {@code null} when no argument went through a collector.
	 */
	private Call call(CallTarget target, RequestFrame request, Duration timeout, RefCollector refs) {
		Call call = new Call(target, request, (timeout != null) ? timeout : this.options.callTimeout(), this.results);
		if (refs != null) {
			call.carrying(refs.functions());
		}
		return call.createdAt(this.options.trackCreationSite() ? new Throwable("Python object created here") : null);
	}

	/** Sends {@code call} and waits for its result (see {@link Worker#call}). */
	Object execute(Call call) {
		Calls.checkMayBlock();
		this.pool.checkOpen();
		Worker worker = call.pinned();
		if (worker == null) {
			try {
				worker = Calls.join(this.pool.route(call.newObject()));
			}
			catch (RuntimeException ex) {
				unsent(call, ex);
				throw ex;
			}
		}
		this.functions.sentTo(call.functions(), worker);
		return worker.call(call);
	}

	/**
	 * Sends the call that {@code building} builds; the future (the call itself, once it
	 * is built) ends like {@link #execute}. A call that cannot be built (an argument that
	 * cannot cross) fails the future.
	 */
	CompletableFuture<Object> submit(Supplier<Call> building) {
		Call call;
		try {
			this.pool.checkOpen();
			call = building.get();
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		if (call.pinned() != null) {
			return send(call.pinned(), call);
		}
		CompletableFuture<Worker> route = this.pool.route(call.newObject());
		if (route.isDone() && !route.isCompletedExceptionally()) {
			return send(route.join(), call);
		}
		route.whenComplete((worker, failure) -> {
			if (failure != null) {
				unsent(call, failure);
			}
			else if (!call.isDone()) { // not cancelled while it waited for a worker
				send(worker, call);
			}
			else {
				this.functions.drop(call.functions());
			}
		});
		return call;
	}

	/** Sends a call whose result is a Python stream, and iterates the stream. */
	Stream<Object> stream(Call call) {
		ObjectHandle stream = (ObjectHandle) execute(call);
		return new PythonStream(this, stream, call.timeout()).stream();
	}

	/** The least-busy ready worker, or the first to become ready. */
	CompletableFuture<Worker> route() {
		try {
			this.pool.checkOpen();
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		return this.pool.route(false);
	}

	private Call send(Worker worker, Call call) {
		this.functions.sentTo(call.functions(), worker);
		return worker.submit(call);
	}

	/** A call that found no worker to go to: counted as started and failed; its functions never crossed. */
	private void unsent(Call call, Throwable failure) {
		this.functions.drop(call.functions());
		CallTarget target = call.target();
		if (!target.isInternal()) {
			this.listener.callStarted(target);
			this.listener.callEnded(target, CallOutcome.WORKER_ERROR, 0);
		}
		call.completeExceptionally(failure);
	}

}
