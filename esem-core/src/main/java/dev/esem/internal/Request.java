package dev.esem.internal;

import java.time.Duration;

import dev.esem.internal.protocol.RequestFrame;
import dev.esem.internal.worker.CallTarget;
import dev.esem.internal.worker.Worker;

/**
 * A request ready to go: its encoded frame, what it addresses, and the worker it must go
 * to ({@code null}: the pool picks one).
 *
 * @param newObject whether it makes a new Python object (a worker being recycled takes none)
 * @param timeout its deadline, or {@code null} for the bridge's call timeout
 */
record Request(Worker pinned, CallTarget target, RequestFrame body, boolean newObject, Duration timeout) {

}
