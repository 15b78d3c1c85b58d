package dev.esem.internal.worker;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

import dev.esem.PythonInterpreterException;
import dev.esem.PythonWorkerException;
import dev.esem.internal.BridgeOptions;
import dev.esem.internal.executor.CompletionThreads;
import dev.esem.internal.protocol.Json;
import dev.esem.internal.protocol.RequestEncoder;

/**
 * Starts worker processes: the interpreter in isolated mode, running the worker package
 * that ships inside the {@code esem-python-worker} jar.
 */
public final class WorkerLauncher {

	private static final String WORKER_ZIP = "dev/esem/worker/esem_worker.zip";

	private static final String BOOTSTRAP = "import sys;sys.path.insert(0,sys.argv[1]);"
			+ "import esem_worker.main as m;m.main(sys.argv[2:])";

	private final BridgeOptions options;

	private final Json json;

	private final RequestEncoder requests;

	private final CallListener listener;

	private final PythonRequests fromPython;

	private final ScheduledExecutorService timer;

	private final Executor io;

	private final CompletionThreads completions;

	/** How the workers' large segments are copied into and out of their shared files. */
	private final SplitCopy copies;

	private final LauncherThread launcherThread = new LauncherThread();

	/**
	 * @param listener hears of the start and end of every user call
	 * @param fromPython where the requests that Python sends go (its calls of Java functions)
	 * @param timer the bridge's timer thread (timeouts, delays; runs nothing that blocks)
	 * @param io where work that may block on a worker's pipes runs
	 * @param completions where the futures of asynchronous calls complete (user callbacks run there), and
	 * threads that read for a caller or help copy large segments
	 */
	public WorkerLauncher(BridgeOptions options, Json json, RequestEncoder requests, CallListener listener,
			PythonRequests fromPython, ScheduledExecutorService timer, Executor io, CompletionThreads completions) {
		this.options = options;
		this.json = json;
		this.requests = requests;
		this.listener = listener;
		this.fromPython = fromPython;
		this.timer = timer;
		this.io = io;
		this.completions = completions;
		this.copies = new SplitCopy(completions);
	}

	/**
	 * Starts a process for a slot, from any thread (the process itself is started on the
	 * launcher thread). The worker returned has not said hello yet ({@link Worker#hello()});
	 * the pool warms it up before it serves calls.
	 */
	Worker launch(int slotId, int generation, WorkerEvents events) {
		Path workingDirectory = this.options.workingDirectory();
		if (!Files.isDirectory(workingDirectory)) {
			throw new PythonWorkerException("The working directory of the Python workers, " + workingDirectory
					+ ", is not a directory. Set an existing one: PythonBridge.builder().workingDirectory(...), or "
					+ "esem.working-directory in Spring Boot.");
		}
		String python = interpreter(this.options.python());
		SharedSegments shared = SharedSegments.create(this.options.maxFrameBytes(), this.copies);
		Process process;
		try {
			ProcessBuilder builder = new ProcessBuilder(command(python, slotId, shared));
			builder.directory(workingDirectory.toFile());
			if (!this.options.inheritEnvironment()) {
				WorkerEnvironment.reduce(builder.environment());
			}
			builder.environment().putAll(this.options.environment());
			process = this.launcherThread.start(builder);
		}
		catch (IOException | RuntimeException ex) {
			if (shared != null) {
				shared.close();
			}
			if (ex instanceof RuntimeException runtime) {
				throw runtime;
			}
			String tried = isName(this.options.python()) ? "looked up on the PATH" : "tried " + python;
			throw new PythonInterpreterException(this.options.python(), "Could not start the Python interpreter '"
					+ this.options.python() + "' (" + tried + "): " + ex.getMessage() + ". Install Python 3.9+ or "
					+ "point esem at one: set the ESEM_PYTHON environment variable, "
					+ "PythonBridge.builder().python(...), or esem.python in Spring Boot.", ex);
		}
		return new Worker(slotId, generation, process, this.json, this.requests, this.options.maxFrameBytes(),
				this.options.timeoutGrace(), this.listener, this.fromPython, events, this.timer, this.io,
				this.completions, shared);
	}

	/**
	 * The interpreter to run: a bare name ({@code python3}) is looked up on the PATH, a
	 * relative path ({@code .venv/bin/python}) resolves against the current directory of
	 * this JVM, as relative paths do in Java, not against the workers' working directory.
	 */
	private static String interpreter(String python) {
		return isName(python) ? python : Path.of(python).toAbsolutePath().normalize().toString();
	}

	private static boolean isName(String python) {
		return python.indexOf('/') < 0 && python.indexOf(File.separatorChar) < 0;
	}

	private List<String> command(String python, int slotId, SharedSegments shared) {
		List<String> command = new ArrayList<>(List.of(python, "-I", "-u", "-c", BOOTSTRAP,
				WorkerPackage.path().toString(), "--worker-id", Integer.toString(slotId), "--parent-pid",
				Long.toString(ProcessHandle.current().pid()), "--max-frame-bytes",
				Integer.toString(this.options.maxFrameBytes()), "--max-depth", Integer.toString(this.options.maxDepth()),
				"--log-level", this.options.logLevel()));
		Path temporaryHome = WorkerPackage.temporaryHome();
		if (temporaryHome != null) {
			command.addAll(List.of("--temporary-home", temporaryHome.toString()));
		}
		if (shared != null) {
			command.addAll(List.of("--shm", shared.path().toString(), "--shm-capacity",
					Integer.toString(shared.capacity())));
		}
		for (Path path : this.options.pythonPath()) {
			command.add("--path");
			command.add(path.toAbsolutePath().normalize().toString());
		}
		return command;
	}

	/** The worker package unpacked once per JVM out of the jar (see {@link WorkerDirectory}). */
	private static final class WorkerPackage {

		private static volatile WorkerDirectory.Unpacked unpacked;

		static Path path() {
			return unpacked().directory();
		}

		/** This JVM's own copy of the package, for a reaper to remove if the JVM is killed; else {@code null}. */
		static Path temporaryHome() {
			WorkerDirectory.Unpacked copy = unpacked();
			return copy.ownCopy() ? copy.directory() : null;
		}

		private static WorkerDirectory.Unpacked unpacked() {
			WorkerDirectory.Unpacked copy = unpacked;
			if (copy == null) {
				synchronized (WorkerPackage.class) {
					copy = unpacked;
					if (copy == null) {
						copy = extract();
						unpacked = copy;
					}
				}
			}
			return copy;
		}

		private static WorkerDirectory.Unpacked extract() {
			try (InputStream zip = WorkerLauncher.class.getClassLoader().getResourceAsStream(WORKER_ZIP)) {
				if (zip == null) {
					throw new PythonWorkerException(
							"The esem worker package " + WORKER_ZIP + " is missing: add esem-python-worker to the classpath");
				}
				return WorkerDirectory.of(Path.of(System.getProperty("java.io.tmpdir")), zip.readAllBytes());
			}
			catch (IOException ex) {
				throw new PythonWorkerException("Could not unpack the esem worker package: " + ex.getMessage(), ex);
			}
		}

	}

}
