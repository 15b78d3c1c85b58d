package dev.esem.internal;

import java.time.Duration;
import java.util.List;

import dev.esem.internal.protocol.RequestFrame;
import dev.esem.internal.worker.CallTarget;
import dev.esem.internal.worker.Worker;

/**
 * A request ready to go: its encoded frame, what it addresses, and the worker it must go
 * to ({@code null}: the pool picks one).
 *
 * @param newObject whether it makes a new Python object (a worker being recycled takes none)
 * @param timeout its deadline, or {@code null} for the bridge's call timeout
 * @param functions the ids of the Java functions among its arguments
 */
record Request(Worker pinned, CallTarget target, RequestFrame body, boolean newObject, Duration timeout,
		List<String> functions) {

	/** A request without Java functions among its arguments. */
	Request(Worker pinned, CallTarget target, RequestFrame body, boolean newObject, Duration timeout) {
		this(pinned, target, body, newObject, timeout, List.of());
	}

	/** A request whose arguments went through {@code refs}. */
	static Request of(RefCollector refs, Worker pinned, CallTarget target, RequestFrame body, boolean newObject,
			Duration timeout) {
		return new Request(pinned, target, body, newObject, timeout, refs.functions());
	}

}
