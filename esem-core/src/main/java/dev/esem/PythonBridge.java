package dev.esem;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.esem.internal.BridgeOptions;
import dev.esem.internal.BridgeRuntime;
import dev.esem.monitor.BridgeListener;
import dev.esem.monitor.CallStats;
import dev.esem.monitor.LeakReport;
import dev.esem.monitor.WorkerInfo;

/**
 * The runtime that runs Python: a pool of supervised CPython worker processes.
 *
 * <pre>{@code
 * try (PythonBridge python = PythonBridge.builder().pythonPath(Path.of("python")).build()) {
 *     PyModule tools = python.module("tools.py");
 *     Object sum = tools.call("add", 2, 3);
 * }
 * }</pre>
 *
 * Thread-safe. Its threads never keep the JVM alive, and its workers exit when the JVM
 * does, so a short program need not call {@link #close()}.
 */
public final class PythonBridge implements AutoCloseable {

	/** The environment variable that names the default interpreter. */
	public static final String PYTHON_ENVIRONMENT_VARIABLE = "ESEM_PYTHON";

	public static final int DEFAULT_WORKERS = 1;

	public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(30);

	public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(10);

	public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

	/** How long a timed-out call may take to stop before its worker counts as stuck. */
	public static final Duration DEFAULT_TIMEOUT_GRACE = Duration.ofSeconds(2);

	public static final int DEFAULT_MAX_FRAME_BYTES = 64 * 1024 * 1024;

	public static final int DEFAULT_MAX_DEPTH = 256;

	public static final int DEFAULT_RESTART_MAX_ATTEMPTS = 5;

	public static final Duration DEFAULT_RESTART_BACKOFF = Duration.ofSeconds(1);

	/** The interpreter when {@value #PYTHON_ENVIRONMENT_VARIABLE} is not set. */
	public static final String DEFAULT_PYTHON = "python3";

	/** Level of the Python root logger in the workers. */
	public static final String DEFAULT_LOG_LEVEL = "INFO";

	/** Whether a worker stuck in a call past its timeout and grace is replaced. */
	public static final boolean DEFAULT_REPLACE_ON_TIMEOUT = true;

	/** Whether workers start with the JVM's environment. */
	public static final boolean DEFAULT_INHERIT_ENVIRONMENT = true;

	/** Whether instances dropped without {@code release()} are released and counted as leaked. */
	public static final boolean DEFAULT_LEAK_DETECTION = true;

	/** Whether the Java stack where each instance was made is kept for leak reports. */
	public static final boolean DEFAULT_TRACK_CREATION_SITE = false;

	/** Calls after which a worker is recycled: 0, never. */
	public static final long DEFAULT_RECYCLE_MAX_CALLS = 0;

	private final BridgeRuntime runtime;

	private PythonBridge(BridgeOptions options, List<BridgeListener> listeners) {
		this.runtime = new BridgeRuntime(options, listeners);
	}

	public static Builder builder() {
		return new Builder();
	}

	/** The interpreter used when none is configured: {@code $ESEM_PYTHON}, else {@code python3}. */
	public static String defaultPython() {
		String fromEnvironment = System.getenv(PYTHON_ENVIRONMENT_VARIABLE);
		return (fromEnvironment != null && !fromEnvironment.isBlank()) ? fromEnvironment : DEFAULT_PYTHON;
	}

	/**
	 * Starts the workers if they are not running yet. {@link Builder#build()} does it
	 * already unless told otherwise; later calls return at once.
	 *
	 * @throws PythonInterpreterException if the interpreter cannot be run
	 * @throws PythonWorkerException if a worker cannot start
	 * @throws PythonModuleLoadException if a preloaded module fails to import
	 */
	public PythonBridge start() {
		this.runtime.start();
		return this;
	}

	public boolean isRunning() {
		return this.runtime.isRunning();
	}

	/**
	 * Loads a module: a file path or an importable name ({@code "json"},
	 * {@code "pkg.sub"}). A relative file ({@code "tools.py"}) is looked up in each
	 * {@link Builder#pythonPath python path} directory, then in the working directory;
	 * {@code "./tools.py"} names the working directory alone. Imports it now, so an
	 * import error is thrown here as a {@link PythonModuleLoadException} with its
	 * traceback.
	 */
	public PyModule module(String spec) {
		return this.runtime.module(Objects.requireNonNull(spec, "spec"));
	}

	/** The worker slots, without asking the workers anything. */
	public List<WorkerInfo> workers() {
		return this.runtime.workers();
	}

	/**
	 * Pings every worker and returns the slots with the registry sizes the workers
	 * reported. Workers that did not answer in time (and had no calls in flight) are
	 * put in {@code problems} by worker id, with the reason.
	 */
	public List<WorkerInfo> ping(Duration timeout, Map<Integer, String> problems) {
		return this.runtime.ping(timeout, problems::putAll);
	}

	/** Call counts, failures and latencies per module and target since start. */
	public List<CallStats> callStats() {
		return this.runtime.callStats();
	}

	/**
	 * Python objects that Java holds handles to (not released, not yet collected), in
	 * all workers; counted in Java, so it asks the workers nothing.
	 */
	public int liveObjects() {
		return this.runtime.liveObjects();
	}

	/** Calls sent and not ended yet. */
	public int activeCalls() {
		return this.runtime.activeCalls();
	}

	/** How many instances were collected without release (and released by the bridge). */
	public long leakCount() {
		return this.runtime.leakCount();
	}

	/** The most recent leaks. */
	public List<LeakReport> leaks() {
		return this.runtime.leaks();
	}

	public void addListener(BridgeListener listener) {
		this.runtime.addListener(Objects.requireNonNull(listener, "listener"));
	}

	/** The interpreter this bridge runs. */
	public String python() {
		return this.runtime.options().python();
	}

	/**
	 * Stops taking calls, lets in-flight calls finish within the shutdown timeout, then
	 * stops every worker (and its children). Calls still pending then fail with
	 * {@link PythonWorkerException}. Idempotent.
	 */
	@Override
	public void close() {
		this.runtime.close();
	}

	/** Settings of a bridge; every one has a sensible default. */
	public static final class Builder {

		private String python = defaultPython();

		private final List<Path> pythonPath = new ArrayList<>();

		private Path workingDirectory = Path.of("").toAbsolutePath();

		private int workers = DEFAULT_WORKERS;

		private Duration callTimeout = DEFAULT_CALL_TIMEOUT;

		private Duration startupTimeout = DEFAULT_STARTUP_TIMEOUT;

		private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;

		private final Map<String, String> environment = new LinkedHashMap<>();

		private final List<String> preload = new ArrayList<>();

		private int maxFrameBytes = DEFAULT_MAX_FRAME_BYTES;

		private int maxDepth = DEFAULT_MAX_DEPTH;

		private int restartMaxAttempts = DEFAULT_RESTART_MAX_ATTEMPTS;

		private Duration restartBackoff = DEFAULT_RESTART_BACKOFF;

		private boolean replaceOnTimeout = DEFAULT_REPLACE_ON_TIMEOUT;

		private boolean inheritEnvironment = DEFAULT_INHERIT_ENVIRONMENT;

		private boolean leakDetection = DEFAULT_LEAK_DETECTION;

		private boolean trackCreationSite = DEFAULT_TRACK_CREATION_SITE;

		private long recycleMaxCalls = DEFAULT_RECYCLE_MAX_CALLS;

		private Duration recycleMaxAge;

		private String logLevel = DEFAULT_LOG_LEVEL;

		private Duration timeoutGrace = DEFAULT_TIMEOUT_GRACE;

		private boolean start = true;

		private final List<BridgeListener> listeners = new ArrayList<>();

		private Builder() {
		}

		/**
		 * The interpreter executable: a name on the PATH, or a path, such as a venv's
		 * python; a relative path resolves against the current directory of this JVM.
		 */
		public Builder python(String executable) {
			this.python = Objects.requireNonNull(executable, "executable");
			return this;
		}

		/** Directories put first on the workers' {@code sys.path}, in order. */
		public Builder pythonPath(Path... directories) {
			this.pythonPath.addAll(List.of(directories));
			return this;
		}

		/** The workers' current directory; relative module paths not found on the python path resolve against it. */
		public Builder workingDirectory(Path directory) {
			this.workingDirectory = Objects.requireNonNull(directory, "directory").toAbsolutePath();
			return this;
		}

		/** The number of worker processes. */
		public Builder workers(int count) {
			if (count < 1) {
				throw new IllegalArgumentException("workers must be at least 1");
			}
			this.workers = count;
			return this;
		}

		public Builder callTimeout(Duration timeout) {
			this.callTimeout = positive(timeout, "callTimeout");
			return this;
		}

		public Builder startupTimeout(Duration timeout) {
			this.startupTimeout = positive(timeout, "startupTimeout");
			return this;
		}

		public Builder shutdownTimeout(Duration timeout) {
			this.shutdownTimeout = Objects.requireNonNull(timeout, "shutdownTimeout");
			return this;
		}

		/** An extra environment variable for the workers. */
		public Builder environment(String name, String value) {
			this.environment.put(name, value);
			return this;
		}

		/**
		 * Whether workers start with this JVM's environment (the default). With
		 * {@code false} they get only what Python needs to run ({@code PATH}, {@code HOME},
		 * {@code USER}, {@code LOGNAME}, {@code LANG}, {@code LC_*}, {@code TZ},
		 * {@code TMPDIR}, and on Windows {@code SYSTEMROOT}, {@code SYSTEMDRIVE},
		 * {@code TEMP}, {@code TMP}), plus the variables set with {@link #environment}: a
		 * token or cloud key in the JVM's environment then never reaches Python code.
		 */
		public Builder inheritEnvironment(boolean inherit) {
			this.inheritEnvironment = inherit;
			return this;
		}

		/** Modules every worker imports at start, so a broken one fails start-up. */
		public Builder preload(String... specs) {
			this.preload.addAll(List.of(specs));
			return this;
		}

		/** The largest frame either side sends or accepts (default 64 MiB). */
		public Builder maxFrameBytes(int bytes) {
			this.maxFrameBytes = bytes;
			return this;
		}

		/** The deepest nesting of a value either side sends or accepts (default 256). */
		public Builder maxDepth(int depth) {
			this.maxDepth = depth;
			return this;
		}

		/** Consecutive restarts of a worker slot before it is given up. */
		public Builder restartMaxAttempts(int attempts) {
			this.restartMaxAttempts = attempts;
			return this;
		}

		/** The delay before the first restart, doubled for each one in a row. */
		public Builder restartBackoff(Duration backoff) {
			this.restartBackoff = Objects.requireNonNull(backoff, "backoff");
			return this;
		}

		/** Whether a worker stuck in a timed-out call is replaced (default true). */
		public Builder replaceWorkerOnTimeout(boolean replace) {
			this.replaceOnTimeout = replace;
			return this;
		}

		/**
		 * How long a call past its timeout may take to stop once interrupted (default 2
		 * s); a call still running then (stuck in C code, say) has its worker replaced,
		 * when {@link #replaceWorkerOnTimeout} is on.
		 */
		public Builder timeoutGrace(Duration grace) {
			this.timeoutGrace = positive(grace, "timeoutGrace");
			return this;
		}

		public Builder leakDetection(boolean enabled) {
			this.leakDetection = enabled;
			return this;
		}

		/** Whether to record the Java stack where each Python object was created, for leak reports. */
		public Builder trackCreationSite(boolean enabled) {
			this.trackCreationSite = enabled;
			return this;
		}

		/** Replaces a worker after this many calls, once it holds no live instances (0 = never). */
		public Builder recycleAfterCalls(long calls) {
			this.recycleMaxCalls = calls;
			return this;
		}

		/** Replaces a worker older than this, once it holds no live instances. */
		public Builder recycleAfter(Duration age) {
			this.recycleMaxAge = age;
			return this;
		}

		/** The Python root logger level (default INFO). */
		public Builder logLevel(String level) {
			this.logLevel = Objects.requireNonNull(level, "level");
			return this;
		}

		public Builder listener(BridgeListener listener) {
			this.listeners.add(Objects.requireNonNull(listener, "listener"));
			return this;
		}

		/** Whether {@link #build()} starts the workers (default true); else {@link PythonBridge#start()} does. */
		public Builder startImmediately(boolean start) {
			this.start = start;
			return this;
		}

		/**
		 * Builds the bridge and starts its workers.
		 *
		 * @throws PythonInterpreterException if the interpreter cannot be run
		 * @throws PythonWorkerException if a worker cannot start
		 * @throws PythonModuleLoadException if a preloaded module fails to import
		 */
		public PythonBridge build() {
			BridgeOptions options = new BridgeOptions(this.python, this.pythonPath, this.workingDirectory, this.workers,
					this.callTimeout, this.startupTimeout, this.shutdownTimeout, this.environment, this.preload,
					this.maxFrameBytes, this.maxDepth, this.restartMaxAttempts, this.restartBackoff,
					this.replaceOnTimeout, this.timeoutGrace, this.leakDetection, this.trackCreationSite, this.recycleMaxCalls,
					this.recycleMaxAge, this.logLevel, this.inheritEnvironment);
			PythonBridge bridge = new PythonBridge(options, this.listeners);
			return this.start ? bridge.start() : bridge;
		}

		private static Duration positive(Duration duration, String name) {
			if (duration == null || duration.isNegative() || duration.isZero()) {
				throw new IllegalArgumentException(name + " must be positive");
			}
			return duration;
		}

	}

}
