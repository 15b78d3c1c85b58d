package dev.esem.internal.worker;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The environment a worker starts with when it must not inherit the JVM's: only what
 * Python and the programs it starts need to run (where to find programs, the home
 * directory, the user, the locale, the time zone and the temporary directory), so that
 * a token or a cloud key in the JVM's environment never reaches Python code.
 */
final class WorkerEnvironment {

	/** What a worker keeps of the JVM's environment; {@code LC_*} too. */
	static final Set<String> KEPT = Set.of("PATH", "HOME", "USER", "LOGNAME", "LANG", "TZ", "TMPDIR",
			// Windows: CPython needs SYSTEMROOT to start, and the others to find its temporary directory
			"SYSTEMROOT", "SYSTEMDRIVE", "TEMP", "TMP");

	private WorkerEnvironment() {
	}

	/** Removes from {@code environment} (a process builder's) every variable a worker does not need. */
	static void reduce(Map<String, String> environment) {
		environment.keySet().removeIf(name -> !isKept(name));
	}

	static boolean isKept(String name) {
		String upper = name.toUpperCase(Locale.ROOT); // Windows names ignore case
		return KEPT.contains(upper) || upper.startsWith("LC_");
	}

}
