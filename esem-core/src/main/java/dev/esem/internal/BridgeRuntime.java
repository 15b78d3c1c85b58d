package dev.esem.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import dev.esem.PyModule;
import dev.esem.PythonWorkerException;
import dev.esem.internal.callback.CallbackAnswers;
import dev.esem.internal.callback.JavaFunctions;
import dev.esem.internal.convert.ResultConverter;
import dev.esem.internal.executor.BridgeExecutors;
import dev.esem.internal.handle.HandleContext;
import dev.esem.internal.protocol.Json;
import dev.esem.internal.protocol.RequestEncoder;
import dev.esem.internal.registry.LeakTracker;
import dev.esem.internal.stats.BridgeEvents;
import dev.esem.internal.worker.WorkerLauncher;
import dev.esem.internal.worker.WorkerPings;
import dev.esem.internal.worker.WorkerPool;
import dev.esem.monitor.BridgeListener;
import dev.esem.monitor.CallStats;
import dev.esem.monitor.LeakReport;
import dev.esem.monitor.WorkerInfo;

/**
 * One bridge, put together: its threads, the wire encoding, the worker pool, the
 * handles and their call path, the callbacks Python makes, call statistics, leak
 * tracking and listeners; and its start and close. {@code PythonBridge} is its public
 * face. It runs no call itself:
 * <pre>
 * ModuleHandle/ObjectHandle ── Call ──▶ CallPath ──▶ WorkerPool.route ──▶ Worker ──▶ CallLedger
 *        ▲                                                                   │
 *        └──────────── ReplyObjects (the call's ResultReader) ◀── reply ─────┘
 * Python's calls of Java functions ──▶ CallbackAnswers ──▶ Worker.answer
 * </pre>
 */
public final class BridgeRuntime {

	private static final int NEW = 0;

	private static final int RUNNING = 1;

	private static final int CLOSED = 2;

	private final BridgeOptions options;

	private final Json json;

	private final RequestEncoder requests;

	private final BridgeExecutors executors = new BridgeExecutors();

	private final BridgeEvents events;

	private final LeakTracker leaks;

	private final WorkerPool pool;

	private final HandleContext handles;

	private final CallbackAnswers callbacks;

	private final AtomicInteger state = new AtomicInteger(NEW);

	public BridgeRuntime(BridgeOptions options, List<BridgeListener> listeners) {
		this.options = options;
		this.json = new Json(options.maxFrameBytes(), options.maxDepth());
		this.requests = new RequestEncoder(this.json, options.maxDepth(), options.maxFrameBytes());
		this.events = new BridgeEvents(listeners, this.executors.completions());
		this.leaks = new LeakTracker(options.trackCreationSite(), this.events::instanceLeaked);
		this.pool = new WorkerPool(options, this.executors.timer(), this.executors.ioService(),
				this.events::workerRestarted);
		JavaFunctions functions = new JavaFunctions();
		this.handles = new HandleContext(options, this.requests, new ResultConverter(this.json.results()), functions,
				this.leaks, this.pool, this.executors, this.events);
		this.callbacks = new CallbackAnswers(functions, this.requests, this.handles.objects());
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
				this.pool.start(new WorkerLauncher(this.options, this.json, this.requests, this.events, this.callbacks,
						this.executors.timer(), this.executors.io(), this.executors.completions()),
						this.handles::warmUp);
				this.state.set(RUNNING);
			}
			catch (RuntimeException ex) {
				this.state.set(CLOSED);
				this.executors.shutdown();
				throw ex;
			}
		}
	}

	public boolean isRunning() {
		return this.state.get() == RUNNING;
	}

	/** Loads a module (importing it now, so a broken module fails here) and returns its handle. */
	public PyModule module(String spec) {
		start();
		return this.handles.module(spec);
	}

	public void addListener(BridgeListener listener) {
		this.events.addListener(listener);
	}

	public List<WorkerInfo> workers() {
		return this.handles.describe(this.pool.infos());
	}

	/**
	 * Asks every ready worker for its state within {@code timeout} (see
	 * {@link WorkerPings}); returns the slots' infos with the registry sizes the workers
	 * reported.
	 */
	public List<WorkerInfo> ping(Duration timeout, Consumer<Map<Integer, String>> problems) {
		problems.accept(WorkerPings.ping(this.pool, this.requests, timeout));
		return workers();
	}

	public List<CallStats> callStats() {
		return this.events.callStats();
	}

	public int liveObjects() {
		return this.pool.liveObjects();
	}

	public int activeCalls() {
		return this.events.activeCalls();
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
			this.executors.shutdown();
		}
	}

}
