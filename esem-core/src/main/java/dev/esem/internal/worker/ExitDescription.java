package dev.esem.internal.worker;

import java.util.Map;

/** Says in words how a worker process ended. */
final class ExitDescription {

	private static final Map<Integer, String> SIGNALS = Map.of(1, "SIGHUP", 2, "SIGINT", 6, "SIGABRT", 9, "SIGKILL",
			11, "SIGSEGV", 13, "SIGPIPE", 15, "SIGTERM", 7, "SIGBUS", 8, "SIGFPE", 4, "SIGILL");

	private ExitDescription() {
	}

	/** {@code exit code 3}, or {@code killed by signal 9 (SIGKILL)} for the JDK's 128+n codes. */
	static String of(int exitCode) {
		if (exitCode > 128 && exitCode < 160) {
			int signal = exitCode - 128;
			return "killed by signal " + signal + " (" + SIGNALS.getOrDefault(signal, "signal") + ")";
		}
		return "exit code " + exitCode;
	}

}
