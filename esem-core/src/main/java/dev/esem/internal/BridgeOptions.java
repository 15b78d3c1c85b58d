package dev.esem.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Immutable settings of one bridge, collected by {@code PythonBridge.Builder}.
 *
 * @param python the interpreter executable
 * @param pythonPath directories put first on the workers' {@code sys.path}
 * @param workingDirectory the workers' current directory
 * @param workers pool size
 * @param callTimeout default deadline of a call
 * @param startupTimeout how long a worker may take to say hello
 * @param shutdownTimeout how long close waits for in-flight calls
 * @param environment extra environment variables for the workers
 * @param preload modules imported on every worker at start
 * @param maxFrameBytes largest frame either side sends or accepts
 * @param maxDepth deepest nesting of a value either side sends or accepts
 * @param restartMaxAttempts consecutive restarts of a slot before it is given up
 * @param restartBackoff delay before the first restart, doubled each time
 * @param replaceOnTimeout whether a worker stuck in a timed-out call is replaced
 * @param timeoutGrace how long a timed-out call may take to stop before it counts as stuck
 * @param leakDetection whether unreachable unreleased instances are tracked as leaks
 * @param trackCreationSite whether to capture the Java stack where each instance was made
 * @param recycleMaxCalls calls after which an idle worker is replaced (0 = never)
 * @param recycleMaxAge age after which an idle worker is replaced ({@code null} = never)
 * @param logLevel the Python root logger level
 * @param inheritEnvironment whether workers start with the JVM's environment, or only
 * with what Python needs to run (see {@link dev.esem.internal.worker.WorkerEnvironment})
 */
public record BridgeOptions(String python, List<Path> pythonPath, Path workingDirectory, int workers,
		Duration callTimeout, Duration startupTimeout, Duration shutdownTimeout, Map<String, String> environment,
		List<String> preload, int maxFrameBytes, int maxDepth, int restartMaxAttempts, Duration restartBackoff,
		boolean replaceOnTimeout, Duration timeoutGrace, boolean leakDetection, boolean trackCreationSite, long recycleMaxCalls,
		Duration recycleMaxAge, String logLevel, boolean inheritEnvironment) {

	public BridgeOptions {
		pythonPath = List.copyOf(pythonPath);
		environment = Map.copyOf(environment);
		preload = List.copyOf(preload);
	}

}
