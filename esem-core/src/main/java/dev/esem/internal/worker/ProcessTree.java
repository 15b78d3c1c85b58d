package dev.esem.internal.worker;

import java.io.IOException;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kills a worker process together with every process it started.
 * <p>
 * On POSIX systems the Python worker leads its own process group, which its children
 * join unless they leave on purpose: the group is killed whole, including members that
 * are no longer the worker's descendants (a daemonised grandchild). Descendants that
 * left the group (a new session) are killed as long as they are descendants; on Linux
 * every process the worker started stays one, as the process started is a child
 * subreaper that adopts orphans. The JDK has no call to signal a group, hence the
 * {@code kill} command.
 */
final class ProcessTree {

	private static final Logger logger = LoggerFactory.getLogger(ProcessTree.class);

	private static final boolean POSIX = !System.getProperty("os.name", "").startsWith("Windows");

	private ProcessTree() {
	}

	/** Kills {@code process}, its descendants and the process group {@code group}, the Python worker's. */
	static void kill(Process process, long group) {
		List<ProcessHandle> descendants = process.descendants().toList(); // while the tree holds together
		if (POSIX && ProcessHandle.of(group).isPresent()) { // alive: its pid still names its group, no other
			killGroup(group);
		}
		process.destroyForcibly();
		descendants.forEach(ProcessHandle::destroyForcibly);
	}

	private static void killGroup(long pgid) {
		try {
			new ProcessBuilder("kill", "-s", "KILL", "--", "-" + pgid).redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.redirectError(ProcessBuilder.Redirect.DISCARD)
				.start();
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Could not kill process group {}: {}", pgid, ex.toString());
		}
	}

}
