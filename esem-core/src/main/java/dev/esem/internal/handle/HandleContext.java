package dev.esem.internal.handle;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;

import dev.esem.PyExport;
import dev.esem.PyModule;
import dev.esem.PythonException;
import dev.esem.PythonModuleLoadException;
import dev.esem.internal.BridgeOptions;
import dev.esem.internal.callback.JavaFunctions;
import dev.esem.internal.convert.ResultConverter;
import dev.esem.internal.executor.BridgeExecutors;
import dev.esem.internal.protocol.RequestEncoder;
import dev.esem.internal.protocol.Wire;
import dev.esem.internal.registry.LeakTracker;
import dev.esem.internal.stats.BridgeEvents;
import dev.esem.internal.worker.CallTarget;
import dev.esem.internal.worker.Worker;
import dev.esem.internal.worker.WorkerPool;
import dev.esem.monitor.WorkerInfo;

/**
 * What the handles of one bridge share, and where module handles are made: the
 * {@link CallPath} their calls take, the {@link ReplyObjects} that turn the objects of
 * replies into handles, the replicas, batching and result conversion. Every handle
 * holds it.
 */
public final class HandleContext {

	private final BridgeOptions options;

	private final JavaFunctions functions;

	private final ReplyObjects objects;

	private final CallPath calls;

	private final ResultConverter converter;

	private final WorkerPool pool;

	private final BridgeExecutors executors;

	private final BridgeEvents events;

	/** The replicated objects, built on every new worker before it takes calls. */
	private final Replicas replicas = new Replicas();

	public HandleContext(BridgeOptions options, RequestEncoder requests, ResultConverter converter,
			JavaFunctions functions, LeakTracker leaks, WorkerPool pool, BridgeExecutors executors,
			BridgeEvents events) {
		this.options = options;
		this.functions = functions;
		this.converter = converter;
		this.pool = pool;
		this.executors = executors;
		this.events = events;
		this.objects = new ReplyObjects(functions, leaks, options.leakDetection(),
				(worker, state, shape) -> new ObjectHandle(this, worker, state, shape));
		this.calls = new CallPath(options, requests, functions, pool, this.objects, events);
	}

	/** Makes the handles of the Python objects that Python hands to Java. */
	public ReplyObjects objects() {
		return this.objects;
	}

	/**
	 * Readies a new worker before it takes calls: preloads the modules, then builds the
	 * replicas; what Python held there goes when it ends. Throws to reject the worker.
	 */
	public void warmUp(Worker worker) {
		worker.ended().thenRun(() -> {
			this.functions.workerEnded(worker);
			this.replicas.workerEnded(worker);
		});
		for (String spec : this.options.preload()) {
			try {
				worker.call(this.calls.load(spec, this.options.startupTimeout()));
			}
			catch (PythonException ex) {
				throw new PythonModuleLoadException(spec, true, ex.pythonType(),
						"Could not preload Python module '" + spec + "': " + ex.getMessage(), ex.pythonTraceback());
			}
		}
		this.replicas.buildOn(worker);
	}

	/** Loads a module (importing it now, so a broken module fails here) and returns its handle. */
	public PyModule module(String spec) {
		Map<?, ?> loaded;
		try {
			loaded = (Map<?, ?>) this.calls.execute(this.calls.load(spec, null));
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
			exports.add(new PyExport(String.valueOf(export.get(Wire.EXPORT_NAME)),
					String.valueOf(export.get(Wire.EXPORT_KIND)), (String) export.get(Wire.EXPORT_SIGNATURE),
					(String) export.get(Wire.EXPORT_DOC), List.copyOf(methods)));
		}
		return new ModuleHandle(this, spec, String.valueOf(loaded.get(Wire.LOADED_NAME)), exports);
	}

	/** The pool's worker infos, with the replicas each worker holds. */
	public List<WorkerInfo> describe(List<WorkerInfo> infos) {
		return this.replicas.describe(infos);
	}

	CallPath calls() {
		return this.calls;
	}

	/** A replicated object of a module's class, built now on every ready worker. */
	ReplicatedObject replicate(ModuleHandle module, String className, Object[] args) {
		this.pool.checkOpen();
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
		this.events.batchSent(target, size, queueWaitNanos);
	}

	Object convert(Object value, Type type) {
		return this.converter.convert(value, type);
	}

}
