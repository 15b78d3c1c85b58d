package dev.esem.internal.worker;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import dev.esem.PythonWorkerException;
import dev.esem.monitor.WorkerState;

/**
 * One place in the pool, filled by successive worker processes, and the state it is in.
 * Every change of state is a method here, checked against {@link #ALLOWED}:
 *
 * <pre>
 * STARTING         ──serve──────────────────▶ READY
 * STARTING, READY  ──ended, launch failed───▶ RESTARTING, or FAILED once restarts are exhausted
 * RESTARTING       ──launching──────────────▶ STARTING
 * any              ──stop───────────────────▶ STOPPED (the bridge closed; nothing leaves it)
 * </pre>
 *
 * A recycled worker's successor replaces it while the slot stays READY ({@link #swap}).
 * Guarded by itself; what routing reads without the lock is volatile. Futures are
 * completed outside the lock.
 */
final class Slot {

	/** A worker that lived this long is trusted again: the failures in a row start over. */
	private static final Duration STABLE_UPTIME = Duration.ofMinutes(1);

	private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

	/** The states each state may move to (staying put is always allowed). */
	private static final Map<WorkerState, Set<WorkerState>> ALLOWED = Map.of(
			WorkerState.STARTING, EnumSet.of(WorkerState.READY, WorkerState.RESTARTING, WorkerState.FAILED,
					WorkerState.STOPPED),
			WorkerState.READY, EnumSet.of(WorkerState.RESTARTING, WorkerState.FAILED, WorkerState.STOPPED),
			WorkerState.RESTARTING, EnumSet.of(WorkerState.STARTING, WorkerState.FAILED, WorkerState.STOPPED),
			WorkerState.FAILED, EnumSet.of(WorkerState.STOPPED),
			WorkerState.STOPPED, EnumSet.noneOf(WorkerState.class));

	private final int id;

	private final int restartMaxAttempts;

	private final Duration restartBackoff;

	/** The process of this slot, ready or starting. */
	private Worker current;

	/** The process serving calls, or {@code null}. */
	private volatile Worker ready;

	private volatile WorkerState state = WorkerState.STARTING;

	private volatile int generation;

	private int failuresInARow;

	private volatile int restarts;

	private volatile String lastFailure;

	private boolean recycling;

	/** Completes when this slot next has a ready worker; fails when the slot gives up or stops. */
	private volatile CompletableFuture<Worker> next = new CompletableFuture<>();

	Slot(int id, int restartMaxAttempts, Duration restartBackoff) {
		this.id = id;
		this.restartMaxAttempts = restartMaxAttempts;
		this.restartBackoff = restartBackoff;
	}

	/**
	 * What follows the end of a slot's worker, or a failed launch: a restart after
	 * {@code restartIn}, the slot given up, or nothing ({@code restartIn} {@code null}).
	 */
	record AfterEnd(Duration restartIn, boolean givenUp) {

		static final AfterEnd NOTHING = new AfterEnd(null, false);

		static final AfterEnd GIVEN_UP = new AfterEnd(null, true);

	}

	int id() {
		return this.id;
	}

	Worker ready() {
		return this.ready;
	}

	WorkerState state() {
		return this.state;
	}

	String lastFailure() {
		return this.lastFailure;
	}

	int generation() {
		return this.generation;
	}

	int restarts() {
		return this.restarts;
	}

	CompletableFuture<Worker> next() {
		return this.next;
	}

	synchronized Worker current() {
		return this.current;
	}

	/**
	 * A new process is about to be launched for this slot: its generation. When it will
	 * {@code takeOver} the slot (start, restart), the slot is STARTING from now on; -1
	 * when the slot has stopped. A recycling successor takes nothing yet (see {@link #swap}).
	 */
	synchronized int launching(boolean takeOver) {
		if (takeOver && !moveTo(WorkerState.STARTING)) {
			return -1;
		}
		return ++this.generation;
	}

	/** The worker just launched is this slot's process; false (leaving it to be killed) if the slot stopped. */
	synchronized boolean launched(Worker worker) {
		if (this.state == WorkerState.STOPPED) {
			return false;
		}
		this.current = worker;
		return true;
	}

	/**
	 * The slot's process, up and warmed up, serves calls. False if it has ended meanwhile,
	 * or the slot moved on (another process, a restart, close): then it does not serve.
	 */
	boolean serve(Worker worker) {
		CompletableFuture<Worker> waiters;
		synchronized (this) {
			if (this.current != worker || this.state != WorkerState.STARTING || !worker.isAlive()) {
				return false;
			}
			moveTo(WorkerState.READY);
			this.ready = worker;
			waiters = this.next;
			this.next = new CompletableFuture<>();
		}
		waiters.complete(worker);
		return true;
	}

	/**
	 * A worker of this slot ended. The slot's own process leaves service; when the pool is
	 * {@code inService} an unplanned end counts as a failure, and the slot restarts (at
	 * once after a planned end, with backoff after a failure) or gives up.
	 */
	AfterEnd ended(Worker worker, String reason, boolean inService) {
		boolean planned = worker.plannedEnd() != null;
		boolean stable = worker.uptime().compareTo(STABLE_UPTIME) >= 0;
		return afterEnd(worker, reason, inService, !planned, stable);
	}

	/** No process could be launched for this slot: a failure like a crash. */
	AfterEnd launchFailed(String reason, boolean inService) {
		return afterEnd(null, reason, inService, true, false);
	}

	private AfterEnd afterEnd(Worker worker, String reason, boolean inService, boolean failure, boolean stable) {
		CompletableFuture<Worker> givenUp;
		synchronized (this) {
			if (worker != null) {
				if (this.current != worker) {
					return AfterEnd.NOTHING;
				}
				this.ready = null;
			}
			this.lastFailure = reason;
			if (!inService) {
				return AfterEnd.NOTHING;
			}
			if (failure) {
				this.failuresInARow = stable ? 1 : this.failuresInARow + 1;
			}
			if (this.failuresInARow <= this.restartMaxAttempts) {
				if (!moveTo(WorkerState.RESTARTING)) {
					return AfterEnd.NOTHING;
				}
				this.restarts++;
				return new AfterEnd(failure ? backoff(this.failuresInARow) : Duration.ZERO, false);
			}
			if (!moveTo(WorkerState.FAILED)) {
				return AfterEnd.NOTHING;
			}
			givenUp = this.next;
		}
		givenUp.completeExceptionally(new PythonWorkerException("Python worker-" + this.id
				+ " is given up: restarts are exhausted (esem.restart.max-attempts=" + this.restartMaxAttempts
				+ "). Last failure: " + reason));
		return AfterEnd.GIVEN_UP;
	}

	/** The restart delay after {@code failures} in a row: the backoff, doubled for each further one, capped. */
	private Duration backoff(int failures) {
		Duration delay = this.restartBackoff.multipliedBy(1L << Math.min(failures - 1, 20));
		return (delay.compareTo(MAX_BACKOFF) > 0) ? MAX_BACKOFF : delay;
	}

	/**
	 * Marks the ready {@code worker} for recycling, unless it is already being recycled,
	 * is no longer the one serving, or holds objects that would die with it.
	 */
	synchronized boolean startRecycling(Worker worker) {
		if (this.recycling || this.ready != worker || worker.holdsObjects()) {
			return false;
		}
		this.recycling = true;
		worker.retire();
		return true;
	}

	/**
	 * The recycling {@code successor} replaces {@code old}, unless {@code old} is no longer
	 * the slot's process, holds objects now, or the slot stopped.
	 */
	synchronized boolean swap(Worker old, Worker successor) {
		if (this.current != old || this.state != WorkerState.READY || old.holdsObjects()) {
			return false;
		}
		this.current = successor;
		this.ready = successor;
		this.restarts++;
		return true;
	}

	/**
	 * Recycling is over: {@code serving} (the successor, or the old worker kept) takes new
	 * objects again, and the calls that make objects, which waited for this, go to it;
	 * if it has died meanwhile, they wait on for its replacement.
	 */
	void recycled(Worker serving) {
		CompletableFuture<Worker> waiters;
		synchronized (this) {
			this.recycling = false;
			serving.unretire();
			if (!serving.isAlive()) {
				return;
			}
			waiters = this.next;
			this.next = new CompletableFuture<>();
		}
		waiters.complete(serving);
	}

	/** The bridge closed: the slot takes no calls; returns its process, to be stopped, or {@code null}. */
	Worker stop() {
		Worker worker;
		CompletableFuture<Worker> waiters;
		synchronized (this) {
			moveTo(WorkerState.STOPPED);
			this.ready = null;
			worker = this.current;
			waiters = this.next;
		}
		waiters.completeExceptionally(new PythonWorkerException("The Python bridge is closed"));
		return worker;
	}

	/**
	 * Moves to {@code to} if allowed; false when the slot has stopped (a close won a
	 * race); any other move not in {@link #ALLOWED} is a bug.
	 */
	private boolean moveTo(WorkerState to) {
		if (this.state == to) {
			return true;
		}
		if (this.state == WorkerState.STOPPED) {
			return false;
		}
		if (!ALLOWED.get(this.state).contains(to)) {
			throw new IllegalStateException("Python worker-" + this.id + " cannot go from " + this.state + " to " + to);
		}
		this.state = to;
		return true;
	}

}
