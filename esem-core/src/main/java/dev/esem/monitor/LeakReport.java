package dev.esem.monitor;

import java.time.Duration;
import java.time.Instant;

/**
 * A Python instance that became unreachable in Java without {@code release()}; the
 * bridge released it in Python.
 *
 * @param refId the registry id
 * @param pythonClass the Python class name
 * @param module the Python module of the class
 * @param createdAt when it reached Java
 * @param age how long it lived before it was collected
 * @param creationSite the Java stack where it was created, when creation-site tracking
 * is on; {@code null} otherwise
 */
public record LeakReport(String refId, String pythonClass, String module, Instant createdAt, Duration age,
		String creationSite) {
}
