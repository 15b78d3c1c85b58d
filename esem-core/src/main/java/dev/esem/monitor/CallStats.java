package dev.esem.monitor;

import java.time.Duration;

/**
 * Totals for one call target since the bridge started.
 *
 * @param module the Python module name
 * @param target the function, {@code Class.method}, or class name (construction)
 * @param count calls ended
 * @param failures calls that did not end with a result
 * @param mean mean latency
 * @param max longest latency
 */
public record CallStats(String module, String target, long count, long failures, Duration mean, Duration max) {
}
