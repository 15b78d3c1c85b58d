package dev.esem.internal;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import dev.esem.PyExport;
import dev.esem.PyModule;
import dev.esem.PythonException;
import dev.esem.PythonModuleLoadException;
import dev.esem.PythonWorkerException;
import dev.esem.internal.protocol.Json;
import dev.esem.internal.protocol.RequestEncoder;
import dev.esem.internal.registry.LeakTracker;
import dev.esem.internal.worker.Call;
import dev.esem.internal.worker.CallTarget;
import dev.esem.internal.worker.ResultReader;
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

	private static final CallTarget INTERNAL_PING = CallTarget.internal("ping");

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

	/** Makes the handles of the Python objects in replies. */
	private final ReplyObjects replyObjects;

	private final BridgeExecutors executors = new BridgeExecutors();

	private final WorkerPool pool;

	private final CallPath calls;

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
		this.replyObjects = new ReplyObjects(this.functions, this.leaks, options.leakDetection());
		this.replyObjects.makeHandlesWith((worker, state, shape) -> new ObjectHandle(this, worker, state, shape));
		this.calls = new CallPath(options, this.requests, this.functions, this.pool, this.replyObjects, this);
	}

	CallPath calls() {
		return this.calls;
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
				worker.call(this.calls.load(spec, this.options.startupTimeout()));
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
			loaded = (Map<?, ?>) this.calls.execute(this.calls.load(spec, null));
		}
		catch (PythonException ex) {
			throw new PythonModuleLoadException(spec, false, ex.pythonType(), ex.getMessage(), ex.pythonTraceback());
		}
		List<PyExport> exports = new ArrayList<>();
		for (Object entry : (List<?>) loaded.get("exports")) {
			Map<?, ?> export = (Map<?, ?>) entry;
			List<String> methods = new ArrayList<>();
			if (export.get("methods") instanceof List<?> names) {
				names.forEach(name -> methods.add(String.valueOf(name)));
			}
			exports.add(new PyExport(String.valueOf(export.get("name")), String.valueOf(export.get("kind")),
					(String) export.get("signature"), (String) export.get("doc"), List.copyOf(methods)));
		}
		return new ModuleHandle(this, spec, String.valueOf(loaded.get("name")), exports);
	}

	/** A replicated object of a module's class, built now on every ready worker. */
	ReplicatedObject replicate(ModuleHandle module, String className, Object[] args) {
		start();
		return new ReplicatedObject(this, this.replicas, module, className, args).start();
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

	void batchSent(CallTarget target, int size, long[] queueWaitNanos) {
		for (BridgeListener listener : this.listeners) {
			listener.batchSent(target.module(), target.target(), size, queueWaitNanos);
		}
	}

	Object convert(Object value, Type type) {
		return this.results.convert(value, type);
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
	public Object adopt(Worker worker, String refId, String pythonClass, String module, List<String> methods) {
		return this.replyObjects.adopt(worker, refId, pythonClass, module, methods, null);
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
			answers.add(worker.submit(new Call(INTERNAL_PING, this.requests.simple("ping"), timeout, ResultReader.VALUES)));
		}
		for (int i = 0; i < ready.size(); i++) {
			Worker worker = ready.get(i);
			try {
				Map<?, ?> answer = (Map<?, ?>) answers.get(i).get(timeout.toMillis() + 100, TimeUnit.MILLISECONDS);
				worker.reportRegistrySize(((Number) answer.get("registry")).intValue());
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
