package dev.esem.internal.worker;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Re-logs a Python {@code logging} record through SLF4J, at its level, with the worker name. */
final class PythonLog {

	private static final String PREFIX = "dev.esem.python.";

	private PythonLog() {
	}

	static void log(String workerName, Map<String, Object> record) {
		Logger logger = LoggerFactory.getLogger(PREFIX + record.getOrDefault("logger", "root"));
		String level = String.valueOf(record.get("level"));
		Object message = record.get("msg");
		switch (level) {
			case "CRITICAL", "ERROR" -> logger.error("[{}] {}", workerName, message);
			case "WARNING" -> logger.warn("[{}] {}", workerName, message);
			case "INFO" -> logger.info("[{}] {}", workerName, message);
			default -> logger.debug("[{}] {}", workerName, message);
		}
	}

}
