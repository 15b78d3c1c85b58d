package dev.esem.internal.worker;

import java.util.concurrent.CompletableFuture;

import dev.esem.monitor.WorkerState;

/** One place in the pool, filled by successive worker processes. Guarded by itself. */
final class Slot {

	final int id;

	/** The process of this slot, ready or starting. */
	Worker current;

	/** The process serving calls, or {@code null}; read without the lock. */
	volatile Worker ready;

	volatile WorkerState state = WorkerState.STARTING;

	int generation;

	int consecutiveFailures;

	volatile int restarts;

	volatile String lastFailure;

	boolean recycling;

	/** Completes when this slot next has a ready worker; fails when the slot gives up. */
	CompletableFuture<Worker> next = new CompletableFuture<>();

	Slot(int id) {
		this.id = id;
	}

}
