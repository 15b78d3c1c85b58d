package dev.esem.internal;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

import dev.esem.PyExport;
import dev.esem.PyModule;
import dev.esem.PythonException;
import dev.esem.PythonModuleLoadException;
import dev.esem.PythonWorkerException;
import dev.esem.internal.protocol.Json;
import dev.esem.internal.protocol.RequestEncoder;
import dev.esem.internal.protocol.RequestFrame;
import dev.esem.internal.protocol.ResultForm;
import dev.esem.internal.protocol.Wire;
import dev.esem.internal.registry.LeakTracker;
import dev.esem.internal.registry.LiveHandles;
import dev.esem.internal.registry.ObjectState;
import dev.esem.internal.worker.CallTarget;
import dev.esem.internal.worker.Calls;
import dev.esem.internal.worker.Worker;
import dev.esem.internal.worker.WorkerHost;
import dev.esem.internal.worker.WorkerLauncher;
import dev.esem.internal.worker.WorkerPool;
import dev.esem.monitor.BridgeListener;
import dev.esem.monitor.CallObservation;
import dev.esem.monitor.CallOutcome;
import dev.esem.monitor.CallStats;
import dev.esem.monitor.LeakReport;
import dev.esem.monitor.WorkerInfo;

/**
 * Everything one bridge runs: the pool, the request encoding, call statistics, leak
 * tracking and listeners. {@code PythonBridge} is its public face.
 */
public final class BridgeRuntime implements WorkerHost {

	private static final CallTarget INTERNAL_NEXT = CallTarget.internal("next");

	private static final CallTarget INTERNAL_CLOSE = CallTarget.internal("close");

	private static final int NEW = 0;

	private static final int RUNNING = 1;

	private static final int CLOSED = 2;

	private final BridgeOptions options;

	private final Json json;

	private final RequestEncoder requests;

	private final ResultConverter results;

	private final CallRecorder recorder = new CallRecorder();

	private final List<BridgeListener> listeners = new CopyOnWriteArrayList<>();

	private final LeakTracker leaks;

	/** The Java functions that Python holds. */
	private final JavaFunctions functions = new JavaFunctions();

	private final CallbackAnswers callbacks;

	/** The handle of each Python object that Java holds, so that an object that comes back gets it again. */
	private final LiveHandles<ObjectHandle> handles = new LiveHandles<>();

	/** The shapes of the Python classes met, by module and class name. */
	private final Map<String, Map<String, ClassShape>> shapes = new ConcurrentHashMap<>();

	private final BridgeExecutors executors = new BridgeExecutors();

	private final WorkerPool pool;

	/** The replicated objects, built on every new worker before it takes calls. */
	private final Replicas replicas = new Replicas();

	private final AtomicInteger state = new AtomicInteger(NEW);

	public BridgeRuntime(BridgeOptions options, List<BridgeListener> listeners) {
		this.options = options;
		this.listeners.addAll(listeners);
		this.json = new Json(options.maxFrameBytes(), options.maxDepth());
		this.requests = new RequestEncoder(this.json, options.maxDepth(), options.maxFrameBytes());
		this.callbacks = new CallbackAnswers(this.functions, this.requests);
		this.results = new ResultConverter(this.json.results());
		this.leaks = new LeakTracker(options.trackCreationSite(), this::leaked);
		this.pool = new WorkerPool(options, this.executors.timer(), this.executors.ioService(), this::restarted);
	}

	public BridgeOptions options() {
		return this.options;
	}

	/** Starts the workers once; later calls return at once. Throws if a worker cannot start. */
	public void start() {
		synchronized (this.state) {
			if (this.state.get() == RUNNING) {
				return;
			}
			if (this.state.get() == CLOSED) {
				throw new PythonWorkerException("The Python bridge is closed");
			}
			try {
				this.pool.start(new WorkerLauncher(this.options, this.json, this.requests, this, this.executors.timer(),
						this.executors.io(), this.executors.completions()),
						this::preload);
				this.state.set(RUNNING);
			}
			catch (RuntimeException ex) {
				this.state.set(CLOSED);
				shutDownThreads();
				throw ex;
			}
		}
	}

	public boolean isRunning() {
		return this.state.get() == RUNNING;
	}

	/** Readies a new worker: preloads modules, then builds the replicas. */
	private void preload(Worker worker) {
		preloadModules(worker);
		this.replicas.buildOn(worker);
	}

	private void preloadModules(Worker worker) {
		for (String spec : this.options.preload()) {
			try {
				worker.call(CallTarget.internal("load"), this.requests.load(spec), this.options.startupTimeout(), null);
			}
			catch (PythonException ex) {
				throw new PythonModuleLoadException(spec, true, ex.pythonType(),
						"Could not preload Python module '" + spec + "': " + ex.getMessage(), ex.pythonTraceback());
			}
		}
	}

	/** Loads a module (importing it now, so a broken module fails here) and returns its handle. */
	public PyModule module(String spec) {
		start();
		Map<?, ?> loaded;
		try {
			loaded = (Map<?, ?>) call(new Request(null, CallTarget.internal("load"), this.requests.load(spec), false, null));
		}
		catch (PythonException ex) {
			throw new PythonModuleLoadException(spec, false, ex.pythonType(), ex.getMessage(), ex.pythonTraceback());
		}
		List<PyExport> exports = new ArrayList<>();
		for (Object entry : (List<?>) loaded.get(Wire.LOADED_EXPORTS)) {
			Map<?, ?> export = (Map<?, ?>) entry;
			List<String> methods = new ArrayList<>();
			if (export.get(Wire.EXPORT_METHODS) instanceof List<?> names) {
				names.forEach(name -> methods.add(String.valueOf(name)));
			}
			exports.add(new PyExport(String.valueOf(export.get(Wire.EXPORT_NAME)), String.valueOf(export.get(Wire.EXPORT_KIND)),
					(String) export.get(Wire.EXPORT_SIGNATURE), (String) export.get(Wire.EXPORT_DOC), List.copyOf(methods)));
		}
		return new ModuleHandle(this, spec, String.valueOf(loaded.get(Wire.LOADED_NAME)), exports);
	}

	/** A module function call, its result to come back in {@code form}; throws when an argument cannot cross. */
	Request functionCall(ModuleHandle module, String function, Object[] args, ResultForm form) {
		RefCollector refs = new RefCollector(this.functions);
		RequestFrame body = refs.encode(() -> this.requests.call(module.spec(), function, args, form, refs));
		return Request.of(refs, refs.owner(), module.target(function), body, false, module.timeout());
	}

	/** A constructor call; its value is a {@link dev.esem.PyObject}. */
	Request constructCall(ModuleHandle module, String className, Object[] args) {
		RefCollector refs = new RefCollector(this.functions);
		RequestFrame body = refs.encode(() -> this.requests.construct(module.spec(), className, args, refs));
		return Request.of(refs, refs.owner(), module.target(className), body, refs.owner() == null,
				module.timeout());
	}

	/** A method call, its result to come back in {@code form}. */
	Request methodCall(ObjectHandle object, String method, Object[] args, ResultForm form) {
		RefCollector refs = new RefCollector(this.functions);
		Worker worker = object.checkUsable();
		refs.refIdOf(object);
		RequestFrame body = refs.encode(() -> this.requests.invoke(object.refId(), method, args, form, refs));
		return Request.of(refs, worker, object.target(method), body.about(object.refId()), false, object.timeout());
	}

	/** A stream over an object itself. */
	Request iterate(ObjectHandle object) {
		return new Request(object.checkUsable(), object.target("__iter__"),
				this.requests.iterate(object.refId()).about(object.refId()), false, object.timeout());
	}

	Request moduleAttribute(ModuleHandle module, String name) {
		return new Request(null, module.target(name), this.requests.moduleAttribute(module.spec(), name), false,
				module.timeout());
	}

	Request objectAttribute(ObjectHandle object, String name) {
		return new Request(object.checkUsable(), object.target(name),
				this.requests.objectAttribute(object.refId(), name).about(object.refId()), false, object.timeout());
	}

	/** A replicated object of a module's class, built now on every ready worker. */
	ReplicatedObject replicate(ModuleHandle module, String className, Object[] args) {
		start();
		return new ReplicatedObject(this, this.replicas, module, className, args).start();
	}

	/** Constructs an object on {@code worker} (a replica): the arguments must be values. */
	CompletableFuture<Object> constructOn(Worker worker, ModuleHandle module, String className, Object[] args) {
		Request request;
		try {
			RefCollector refs = new RefCollector(this.functions);
			RequestFrame body = refs.encode(() -> this.requests.construct(module.spec(), className, args, refs));
			if (refs.owner() != null || !refs.functions().isEmpty()) {
				this.functions.drop(refs.functions());
				throw new IllegalArgumentException("The arguments of replicated " + module.name() + "." + className
						+ " must be values: each worker builds its own replica, so Python objects and Java "
						+ "functions cannot be among them");
			}
			request = new Request(worker, module.target(className), body, true, this.options.startupTimeout());
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		return send(worker, request, request.timeout(), creationSite());
	}

	/** The least-busy ready worker, or the first to become ready. */
	CompletableFuture<Worker> route() {
		return this.pool.route(false);
	}

	List<Worker> readyWorkers() {
		return this.pool.readyWorkers();
	}

	int workerCount() {
		return this.options.workers();
	}

	void checkOpen() {
		this.pool.checkOpen();
	}

	ScheduledExecutorService timer() {
		return this.executors.timer();
	}

	/** Runs {@code completion} on the completion executor, so user callbacks never run on the timer thread. */
	void completeLater(Runnable completion) {
		this.executors.completions().execute(completion);
	}

	/** A batched function of {@code target}; {@code timeout} {@code null} for the bridge's call timeout. */
	Batcher batcher(CallTarget target, int maxSize, Duration maxDelay, int capacity, Duration timeout,
			Batcher.Sender sender) {
		return new Batcher(this, target, maxSize, maxDelay, capacity,
				(timeout != null) ? timeout : this.options.callTimeout(), sender);
	}

	/** One call of a batched module function with a batch of items. */
	CompletableFuture<Object> sendBatch(ModuleHandle module, String function, Object batch, Duration timeout) {
		return submit(() -> {
			RefCollector refs = new RefCollector(this.functions);
			RequestFrame body = refs.encode(() -> this.requests.batch(module.spec(), null, function, batch, refs));
			return Request.of(refs, refs.owner(), module.target(function), body, false, timeout);
		});
	}

	/** One call of a batched method with a batch of items. */
	CompletableFuture<Object> sendBatch(ObjectHandle object, String method, Object batch, Duration timeout) {
		return submit(() -> {
			RefCollector refs = new RefCollector(this.functions);
			Worker worker = object.checkUsable();
			RequestFrame body = refs.encode(() -> this.requests.batch(null, object.refId(), method, batch, refs));
			return Request.of(refs, worker, object.target(method), body, false, timeout);
		});
	}

	void batchSent(CallTarget target, int size, long[] queueWaitNanos) {
		for (BridgeListener listener : this.listeners) {
			listener.batchSent(target.module(), target.target(), size, queueWaitNanos);
		}
	}

	/** Sends a request whose result is a Python stream, and iterates it. */
	Stream<Object> stream(Request request) {
		ObjectHandle stream = (ObjectHandle) call(request);
		return new PythonStream(this, stream, request.timeout()).stream();
	}

	/** The next batch of a stream: a map with {@code items} and {@code done}. */
	CompletableFuture<Object> streamNext(ObjectHandle stream, int max, Duration timeout) {
		return submit(() -> new Request(stream.checkUsable(), INTERNAL_NEXT, this.requests.next(stream.refId(), max),
				false, timeout));
	}

	/** Closes a stream's generator, without waiting; the stream's handle is released after it. */
	void streamClose(ObjectHandle stream) {
		submit(() -> new Request(stream.checkUsable(), INTERNAL_CLOSE, this.requests.close(stream.refId()), false,
				null)).whenComplete((value, failure) -> stream.release());
	}

	/** Sends a request and waits for its result (see {@link Worker#call}). */
	Object call(Request request) {
		Calls.checkMayBlock();
		this.pool.checkOpen();
		Throwable site = creationSite();
		Duration timeout = timeoutOf(request);
		Worker worker = request.pinned();
		if (worker == null) {
			try {
				worker = Calls.join(this.pool.route(request.newObject()));
			}
			catch (RuntimeException ex) {
				reportUnsent(request);
				throw ex;
			}
		}
		this.functions.sentTo(request.functions(), worker);
		return worker.call(request.target(), request.body(), timeout, site);
	}

	/**
	 * Sends the request that {@code request} builds; the future ends like {@link #call}.
	 * A request that cannot be built (an argument that cannot cross) fails the future.
	 */
	CompletableFuture<Object> submit(Supplier<Request> request) {
		Request built;
		try {
			this.pool.checkOpen();
			built = request.get();
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		Throwable site = creationSite();
		Duration timeout = timeoutOf(built);
		if (built.pinned() != null) {
			return send(built.pinned(), built, timeout, site);
		}
		CompletableFuture<Worker> route = this.pool.route(built.newObject());
		if (route.isDone() && !route.isCompletedExceptionally()) {
			return send(route.join(), built, timeout, site);
		}
		return route.handle((worker, failure) -> {
			if (failure != null) {
				reportUnsent(built);
				return CompletableFuture.failedFuture(failure);
			}
			return send(worker, built, timeout, site);
		}).thenCompose(call -> call);
	}

	private CompletableFuture<Object> send(Worker worker, Request request, Duration timeout, Throwable site) {
		this.functions.sentTo(request.functions(), worker);
		return worker.submit(request.target(), request.body(), timeout, site);
	}

	private Duration timeoutOf(Request request) {
		return (request.timeout() != null) ? request.timeout() : this.options.callTimeout();
	}

	private Throwable creationSite() {
		return this.options.trackCreationSite() ? new Throwable("Python object created here") : null;
	}

	/** A call that found no worker to go to: counted as started and failed; its functions never crossed. */
	private void reportUnsent(Request request) {
		this.functions.drop(request.functions());
		CallTarget target = request.target();
		if (!target.isInternal()) {
			callStarted(target);
			callEnded(target, CallOutcome.WORKER_ERROR, 0);
		}
	}

	Object convert(Object value, Type type) {
		return this.results.convert(value, type);
	}

	@Override
	public Object adopt(Worker worker, String refId, String pythonClass, String module, List<String> methods,
			Throwable creationSite) {
		ObjectState objectState = new ObjectState(refId, pythonClass, module, creationSite,
				() -> releaseInPython(worker, refId, PythonStream.isStream(module, pythonClass)));
		ObjectHandle fresh = new ObjectHandle(this, worker, objectState, shapeOf(module, pythonClass, methods));
		ObjectHandle handle = this.handles.putIfAbsent(refId, fresh,
				held -> held.worker() == worker && !held.isReleased());
		if (handle != fresh) {
			// An object Java holds already (a method returned self): its one handle again.
			// Python counted this arrival as a hold of its own, which goes back at once.
			worker.release(refId);
			return handle;
		}
		worker.liveObjects().incrementAndGet();
		if (PythonStream.isStream(module, pythonClass)) {
			worker.openStreams().incrementAndGet();
		}
		if (this.options.leakDetection()) {
			handle.watch(this.leaks.track(handle, objectState));
		}
		return handle;
	}

	private ClassShape shapeOf(String module, String pythonClass, List<String> methods) {
		Map<String, ClassShape> ofModule = this.shapes.computeIfAbsent(String.valueOf(module),
				name -> new ConcurrentHashMap<>());
		ClassShape shape = ofModule.get(String.valueOf(pythonClass));
		if (shape == null || !shape.fits(methods)) {
			shape = new ClassShape(module, pythonClass, methods);
			ofModule.put(String.valueOf(pythonClass), shape);
		}
		return shape;
	}

	private void releaseInPython(Worker worker, String refId, boolean stream) {
		worker.liveObjects().decrementAndGet();
		if (stream) {
			worker.openStreams().decrementAndGet();
		}
		worker.release(refId);
	}

	/** Runs a Java function for Python on the completion executor, and answers with what it returned or threw. */
	@Override
	public void callback(Worker worker, long cb, String functionId, List<Object> args, RuntimeException failure) {
		this.executors.completions()
			.execute(() -> worker.answer(this.callbacks.answer(worker, cb, functionId, args, failure)));
	}

	@Override
	public void functionsDropped(Worker worker, List<?> ids) {
		this.functions.drop(ids);
	}

	@Override
	public Throwable javaException(String ref) {
		return this.functions.recall(ref);
	}

	@Override
	public Object javaFunction(String id) {
		JavaFunction function = this.functions.get(id);
		if (function == null) {
			throw new IllegalArgumentException("Python returned the Java function " + id + ", which is no longer held");
		}
		return function.target();
	}

	@Override
	public void workerEnded(Worker worker) {
		this.functions.workerEnded(worker);
		this.replicas.workerEnded(worker);
	}

	@Override
	public void callStarted(CallTarget target) {
		this.recorder.started();
		for (BridgeListener listener : this.listeners) {
			listener.callStarted(target.module(), target.target());
		}
	}

	@Override
	public CallObservation observeCall(CallTarget target, String worker, String refId) {
		for (BridgeListener listener : this.listeners) {
			CallObservation observation = listener.observeCall(target.module(), target.target(), worker, refId);
			if (observation != null) {
				return observation;
			}
		}
		return null;
	}

	@Override
	public void callEnded(CallTarget target, CallOutcome outcome, long nanos) {
		this.recorder.ended(target, outcome, nanos);
		for (BridgeListener listener : this.listeners) {
			listener.callEnded(target.module(), target.target(), outcome, nanos);
		}
	}

	/** Tells the listeners on the completion executor: a listener may call Python, or even close the bridge. */
	private void restarted(int slotId, String reason) {
		this.executors.completions().execute(() -> {
			for (BridgeListener listener : this.listeners) {
				listener.workerRestarted(slotId, reason);
			}
		});
	}

	private void leaked(LeakReport report) {
		for (BridgeListener listener : this.listeners) {
			listener.instanceLeaked(report);
		}
	}

	public void addListener(BridgeListener listener) {
		this.listeners.add(listener);
	}

	public List<WorkerInfo> workers() {
		return this.replicas.describe(this.pool.infos());
	}

	/**
	 * Asks every ready worker for its state within {@code timeout}; a worker busy with
	 * calls in flight that cannot answer in time counts as busy, not down. Returns the
	 * slots' infos with the registry sizes the workers reported.
	 */
	public List<WorkerInfo> ping(Duration timeout, Consumer<Map<Integer, String>> problems) {
		Map<Integer, String> issues = new java.util.TreeMap<>();
		List<Worker> ready = this.pool.readyWorkers();
		List<CompletableFuture<Object>> answers = new ArrayList<>();
		for (Worker worker : ready) {
			answers.add(worker.submit(CallTarget.internal("ping"), this.requests.simple(Wire.OP_PING), timeout, null));
		}
		for (int i = 0; i < ready.size(); i++) {
			Worker worker = ready.get(i);
			try {
				Map<?, ?> answer = (Map<?, ?>) answers.get(i).get(timeout.toMillis() + 100, TimeUnit.MILLISECONDS);
				worker.reportRegistrySize(((Number) answer.get(Wire.PING_REGISTRY)).intValue());
			}
			catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex) {
				if (worker.inFlight() == 0) {
					issues.put(worker.slotId(), "did not answer a ping within " + Durations.format(timeout));
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				issues.put(worker.slotId(), "interrupted");
			}
		}
		problems.accept(issues);
		return workers();
	}

	public List<CallStats> callStats() {
		return this.recorder.snapshot();
	}

	public int liveObjects() {
		return this.pool.liveObjects();
	}

	public int activeCalls() {
		return this.recorder.active();
	}

	public long leakCount() {
		return this.leaks.count();
	}

	public List<LeakReport> leaks() {
		return this.leaks.recent();
	}

	/** Stops taking calls, drains in-flight calls within the shutdown timeout, stops every worker. */
	public void close() {
		int previous;
		synchronized (this.state) {
			previous = this.state.getAndSet(CLOSED);
		}
		if (previous == RUNNING) {
			this.pool.close(this.options.shutdownTimeout());
		}
		if (previous != CLOSED) {
			shutDownThreads();
		}
	}

	private void shutDownThreads() {
		this.executors.shutdown();
	}

}
