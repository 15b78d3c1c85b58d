package dev.esem.internal.worker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

import dev.esem.PythonWorkerException;
import dev.esem.internal.BridgeOptions;
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

	private final WorkerHost host;

	private final ScheduledExecutorService timer;

	private final LauncherThread launcherThread = new LauncherThread();

	public WorkerLauncher(BridgeOptions options, Json json, RequestEncoder requests, WorkerHost host,
			ScheduledExecutorService timer) {
		this.options = options;
		this.json = json;
		this.requests = requests;
		this.host = host;
		this.timer = timer;
	}

	/**
	 * Starts a process for a slot, from any thread (the process itself is started on the
	 * launcher thread); the returned worker is ready once {@link Worker#ready()} completes.
	 */
	Worker launch(int slotId, int generation) {
		ProcessBuilder builder = new ProcessBuilder(command(slotId));
		builder.directory(this.options.workingDirectory().toFile());
		builder.environment().putAll(this.options.environment());
		Process process;
		try {
			process = this.launcherThread.start(builder);
		}
		catch (IOException ex) {
			throw new PythonWorkerException("Could not start the Python interpreter '" + this.options.python()
					+ "': " + ex.getMessage() + ". Install Python 3.9+ or point esem at one: set the ESEM_PYTHON "
					+ "environment variable, PythonBridge.builder().python(...), or esem.python in Spring Boot.", ex);
		}
		return new Worker(slotId, generation, process, this.json, this.requests, this.options.maxFrameBytes(), this.host,
				this.timer);
	}

	private List<String> command(int slotId) {
		List<String> command = new ArrayList<>(List.of(this.options.python(), "-I", "-u", "-c", BOOTSTRAP,
				WorkerPackage.path().toString(), "--worker-id", Integer.toString(slotId), "--parent-pid",
				Long.toString(ProcessHandle.current().pid()), "--max-frame-bytes",
				Integer.toString(this.options.maxFrameBytes()), "--max-depth", Integer.toString(this.options.maxDepth()),
				"--log-level", this.options.logLevel()));
		for (Path path : this.options.pythonPath()) {
			command.add("--path");
			command.add(path.toAbsolutePath().normalize().toString());
		}
		return command;
	}

	/** The worker package copied once per JVM out of the jar into a temporary file. */
	private static final class WorkerPackage {

		private static volatile Path path;

		static Path path() {
			Path copy = path;
			if (copy == null) {
				synchronized (WorkerPackage.class) {
					copy = path;
					if (copy == null) {
						copy = extract();
						path = copy;
					}
				}
			}
			return copy;
		}

		private static Path extract() {
			try (InputStream zip = WorkerLauncher.class.getClassLoader().getResourceAsStream(WORKER_ZIP)) {
				if (zip == null) {
					throw new PythonWorkerException(
							"The esem worker package " + WORKER_ZIP + " is missing: add esem-python-worker to the classpath");
				}
				Path directory = Files.createTempDirectory("esem-worker-");
				Path target = directory.resolve("esem_worker.zip");
				Files.copy(zip, target, StandardCopyOption.REPLACE_EXISTING);
				directory.toFile().deleteOnExit();
				target.toFile().deleteOnExit();
				return target;
			}
			catch (IOException ex) {
				throw new PythonWorkerException("Could not unpack the esem worker package: " + ex.getMessage(), ex);
			}
		}

	}

}
