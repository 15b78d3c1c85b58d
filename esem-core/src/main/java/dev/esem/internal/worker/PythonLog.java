package dev.esem.internal.worker;

import java.util.Map;

import dev.esem.internal.protocol.Wire;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Re-logs a Python {@code logging} record through SLF4J, at its level, with the worker
 * name: one event per record, whose throwable is the record's exception (a
 * {@link dev.esem.PythonException} with its frames and causes) and whose message is the
 * record's alone. A record written while serving a traced call carries the trace: it is
 * logged with MDC {@code traceId} and {@code spanId}. Python's warnings arrive as records
 * of {@code py.warnings}, so on logger {@code dev.esem.python.py.warnings}.
 */
final class PythonLog {

	private static final String PREFIX = "dev.esem.python.";

	private PythonLog() {
	}

	static void log(String workerName, Map<String, Object> record) {
		Logger logger = LoggerFactory.getLogger(PREFIX + record.getOrDefault(Wire.LOG_LOGGER, "root"));
		String level = String.valueOf(record.get(Wire.LOG_LEVEL));
		Object message = record.get(Wire.LOG_MESSAGE);
		@SuppressWarnings("unchecked")
		Throwable exception = (record.get(Wire.LOG_EXCEPTION) instanceof Map<?, ?> exc)
				? PythonErrors.of((Map<String, Object>) exc, ref -> null) : null;
		if (!(record.get(Wire.LOG_TRACE) instanceof String traceId)
				|| !(record.get(Wire.LOG_SPAN) instanceof String spanId)) {
			log(logger, level, workerName, message, exception);
			return;
		}
		// the reading thread may be a caller with a trace of its own in the MDC
		String callerTrace = MDC.get("traceId");
		String callerSpan = MDC.get("spanId");
		MDC.put("traceId", traceId);
		MDC.put("spanId", spanId);
		try {
			log(logger, level, workerName, message, exception);
		}
		finally {
			restore("traceId", callerTrace);
			restore("spanId", callerSpan);
		}
	}

	private static void log(Logger logger, String level, String workerName, Object message, Throwable exception) {
		switch (level) {
			case "CRITICAL", "ERROR" -> logger.error("[{}] {}", workerName, message, exception);
			case "WARNING" -> logger.warn("[{}] {}", workerName, message, exception);
			case "INFO" -> logger.info("[{}] {}", workerName, message, exception);
			default -> logger.debug("[{}] {}", workerName, message, exception);
		}
	}

	private static void restore(String key, String value) {
		if (value == null) {
			MDC.remove(key);
		}
		else {
			MDC.put(key, value);
		}
	}

}
