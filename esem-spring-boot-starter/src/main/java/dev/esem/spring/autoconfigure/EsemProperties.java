package dev.esem.spring.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.esem.PythonBridge;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties of the Python bridge ({@code esem.*}).
 */
@ConfigurationProperties("esem")
public class EsemProperties {

	/** The default {@link #getPythonPath() python path}: the application's own Python sources. */
	public static final String DEFAULT_PYTHON_PATH = "classpath:python/";

	/**
	 * Whether to create the Python bridge, its Python interface beans, endpoint, health
	 * indicator and meters.
	 */
	private boolean enabled = true;

	/**
	 * Python interpreter the workers run: a name on the PATH or a path, such as a
	 * virtual environment's python; a relative path resolves against the directory the
	 * application was started from. Defaults to the ESEM_PYTHON environment variable,
	 * else python3.
	 */
	private String python = PythonBridge.defaultPython();

	/**
	 * Locations put first on the workers' sys.path, in order: 'classpath:' locations
	 * (copied out to a temporary directory when they live in a jar), 'file:' locations
	 * or plain paths. The default location may be absent; an explicit one may not.
	 */
	private List<String> pythonPath = new ArrayList<>(List.of(DEFAULT_PYTHON_PATH));

	/**
	 * Current directory of the workers. Relative module files are looked up in each
	 * python-path entry first, then here; a spec starting with './' names this directory
	 * alone. Defaults to the application's directory.
	 */
	private Path workingDirectory;

	/**
	 * Number of worker processes in the pool.
	 */
	private int workers = PythonBridge.DEFAULT_WORKERS;

	/**
	 * Longest time a call may take before it fails with a timeout.
	 */
	private Duration callTimeout = PythonBridge.DEFAULT_CALL_TIMEOUT;

	/**
	 * How long a call past its timeout may take to stop once interrupted; a call still
	 * running then (stuck in C code, say) gets its worker replaced.
	 */
	private Duration timeoutGrace = PythonBridge.DEFAULT_TIMEOUT_GRACE;

	/**
	 * Longest time a worker may take to start, and a preloaded module to import.
	 */
	private Duration startupTimeout = PythonBridge.DEFAULT_STARTUP_TIMEOUT;

	/**
	 * Longest time in-flight calls may take to finish when the application stops,
	 * before the workers are stopped.
	 */
	private Duration shutdownTimeout = PythonBridge.DEFAULT_SHUTDOWN_TIMEOUT;

	/**
	 * Modules every worker imports at startup, so that a broken one fails the
	 * application's startup.
	 */
	private List<String> preload = new ArrayList<>();

	/**
	 * Extra environment variables for the worker processes.
	 */
	private Map<String, String> environment = new LinkedHashMap<>();

	/**
	 * Whether the worker processes start with the application's environment. When
	 * false, they get only PATH, HOME, USER, LOGNAME, LANG, LC_*, TZ and TMPDIR (on
	 * Windows also SYSTEMROOT, SYSTEMDRIVE, TEMP and TMP), plus esem.environment, so
	 * that tokens and cloud keys in the application's environment never reach Python.
	 */
	private boolean inheritEnvironment = PythonBridge.DEFAULT_INHERIT_ENVIRONMENT;

	/**
	 * Level of the Python root logger in the workers; Python log records reach the
	 * application's logging.
	 */
	private String logLevel = PythonBridge.DEFAULT_LOG_LEVEL;

	private final Restart restart = new Restart();

	private final Recycle recycle = new Recycle();

	private final Limits limits = new Limits();

	private final LeakDetection leakDetection = new LeakDetection();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getPython() {
		return this.python;
	}

	public void setPython(String python) {
		this.python = python;
	}

	public List<String> getPythonPath() {
		return this.pythonPath;
	}

	public void setPythonPath(List<String> pythonPath) {
		this.pythonPath = pythonPath;
	}

	public Path getWorkingDirectory() {
		return this.workingDirectory;
	}

	public void setWorkingDirectory(Path workingDirectory) {
		this.workingDirectory = workingDirectory;
	}

	public int getWorkers() {
		return this.workers;
	}

	public void setWorkers(int workers) {
		this.workers = workers;
	}

	public Duration getTimeoutGrace() {
		return this.timeoutGrace;
	}

	public void setTimeoutGrace(Duration timeoutGrace) {
		this.timeoutGrace = timeoutGrace;
	}

	public Duration getCallTimeout() {
		return this.callTimeout;
	}

	public void setCallTimeout(Duration callTimeout) {
		this.callTimeout = callTimeout;
	}

	public Duration getStartupTimeout() {
		return this.startupTimeout;
	}

	public void setStartupTimeout(Duration startupTimeout) {
		this.startupTimeout = startupTimeout;
	}

	public Duration getShutdownTimeout() {
		return this.shutdownTimeout;
	}

	public void setShutdownTimeout(Duration shutdownTimeout) {
		this.shutdownTimeout = shutdownTimeout;
	}

	public List<String> getPreload() {
		return this.preload;
	}

	public void setPreload(List<String> preload) {
		this.preload = preload;
	}

	public Map<String, String> getEnvironment() {
		return this.environment;
	}

	public void setEnvironment(Map<String, String> environment) {
		this.environment = environment;
	}

	public boolean isInheritEnvironment() {
		return this.inheritEnvironment;
	}

	public void setInheritEnvironment(boolean inheritEnvironment) {
		this.inheritEnvironment = inheritEnvironment;
	}

	public String getLogLevel() {
		return this.logLevel;
	}

	public void setLogLevel(String logLevel) {
		this.logLevel = logLevel;
	}

	public Restart getRestart() {
		return this.restart;
	}

	public Recycle getRecycle() {
		return this.recycle;
	}

	public Limits getLimits() {
		return this.limits;
	}

	public LeakDetection getLeakDetection() {
		return this.leakDetection;
	}

	/** Supervision of worker processes that die or time out. */
	public static class Restart {

		/**
		 * Consecutive restarts of a worker before it is given up (its calls then fail
		 * fast).
		 */
		private int maxAttempts = PythonBridge.DEFAULT_RESTART_MAX_ATTEMPTS;

		/**
		 * Delay before the first restart of a worker, doubled for each further restart
		 * in a row.
		 */
		private Duration backoff = PythonBridge.DEFAULT_RESTART_BACKOFF;

		/**
		 * Whether to replace a worker that is stuck in a call that timed out.
		 */
		private boolean onTimeout = PythonBridge.DEFAULT_REPLACE_ON_TIMEOUT;

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getBackoff() {
			return this.backoff;
		}

		public void setBackoff(Duration backoff) {
			this.backoff = backoff;
		}

		public boolean isOnTimeout() {
			return this.onTimeout;
		}

		public void setOnTimeout(boolean onTimeout) {
			this.onTimeout = onTimeout;
		}

	}

	/** Planned replacement of long-running workers. */
	public static class Recycle {

		/**
		 * Number of calls after which a worker is replaced, once it holds no live
		 * instances. 0 means never.
		 */
		private long maxCalls = PythonBridge.DEFAULT_RECYCLE_MAX_CALLS;

		/**
		 * Age after which a worker is replaced, once it holds no live instances. Unset
		 * means never.
		 */
		private Duration maxAge;

		public long getMaxCalls() {
			return this.maxCalls;
		}

		public void setMaxCalls(long maxCalls) {
			this.maxCalls = maxCalls;
		}

		public Duration getMaxAge() {
			return this.maxAge;
		}

		public void setMaxAge(Duration maxAge) {
			this.maxAge = maxAge;
		}

	}

	/** Limits on the values that cross between Java and Python. */
	public static class Limits {

		/**
		 * Largest protocol frame either side sends or accepts; a larger value fails its
		 * call.
		 */
		private DataSize maxFrameSize = DataSize.ofBytes(PythonBridge.DEFAULT_MAX_FRAME_BYTES);

		/**
		 * Deepest nesting of a value either side sends or accepts; a deeper value fails
		 * its call.
		 */
		private int maxDepth = PythonBridge.DEFAULT_MAX_DEPTH;

		public DataSize getMaxFrameSize() {
			return this.maxFrameSize;
		}

		public void setMaxFrameSize(DataSize maxFrameSize) {
			this.maxFrameSize = maxFrameSize;
		}

		public int getMaxDepth() {
			return this.maxDepth;
		}

		public void setMaxDepth(int maxDepth) {
			this.maxDepth = maxDepth;
		}

	}

	/** Detection of Python instances that Java dropped without releasing them. */
	public static class LeakDetection {

		/**
		 * Whether to release and count Python instances that become unreachable in Java
		 * without release().
		 */
		private boolean enabled = PythonBridge.DEFAULT_LEAK_DETECTION;

		/**
		 * Whether to record the Java stack where each Python instance was created, so
		 * that leak reports show it. Costs a stack capture per instance.
		 */
		private boolean trackCreationSite = PythonBridge.DEFAULT_TRACK_CREATION_SITE;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public boolean isTrackCreationSite() {
			return this.trackCreationSite;
		}

		public void setTrackCreationSite(boolean trackCreationSite) {
			this.trackCreationSite = trackCreationSite;
		}

	}

}
