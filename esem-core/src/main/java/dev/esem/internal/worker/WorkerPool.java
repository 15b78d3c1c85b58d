package dev.esem.internal.worker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;

import dev.esem.PythonWorkerException;
import dev.esem.internal.BridgeOptions;
import dev.esem.internal.Durations;
import dev.esem.internal.executor.BridgeExecutors;
import dev.esem.monitor.WorkerInfo;
import dev.esem.monitor.WorkerState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pool of worker slots: routes calls to the least-busy ready worker, replaces
 * workers that die (with backoff and a limit), that get stuck in a timed-out call, or
 * that reached their recycling limits, and stops them all on close. Every worker, at
 * start, restart or recycling, comes up one way ({@link #bringUp}); each {@link Slot}
 * keeps its own state.
 */
public final class WorkerPool implements WorkerEvents {

	private static final Logger logger = LoggerFactory.getLogger(WorkerPool.class);

	private static final Duration STOP_GRACE = Duration.ofSeconds(2);

	private final BridgeOptions options;

	private final Slot[] slots;

	private final ScheduledExecutorService timer;

	private final ExecutorService io;

	private final BiConsumer<Integer, String> restartListener;

	private WorkerLauncher launcher;

	private WorkerWarmUp warmUp;

	private volatile boolean started;

	private volatile boolean closed;

	/**
	 * @param timer the bridge's timer thread: restart delays (runs nothing that blocks)
	 * @param io the bridge's I/O executor, where workers are brought up, recycled and
	 * killed; it rejects work once the bridge has closed
	 * @param restartListener told of every restart or recycling: the slot's id and why
	 */
	public WorkerPool(BridgeOptions options, ScheduledExecutorService timer, ExecutorService io,
			BiConsumer<Integer, String> restartListener) {
		this.options = options;
		this.timer = timer;
		this.io = io;
		this.restartListener = restartListener;
		this.slots = new Slot[options.workers()];
		for (int i = 0; i < this.slots.length; i++) {
			this.slots[i] = new Slot(i + 1, options.restartMaxAttempts(), options.restartBackoff());
		}
	}

	/** Runs on every new worker before it serves calls (preloading modules, building replicas); throws to reject it. */
	public interface WorkerWarmUp {

		void warmUp(Worker worker);

	}

	/**
	 * Brings every worker up, side by side, and puts them in service together; throws
	 * with the reason if one cannot come up, having ended every process it started.
	 */
	public void start(WorkerLauncher launcher, WorkerWarmUp warmUp) {
		this.launcher = launcher;
		this.warmUp = warmUp;
		List<CompletableFuture<Worker>> bringUps = new ArrayList<>();
		for (Slot slot : this.slots) {
			bringUps.add((this.slots.length == 1) ? bringUpHere(slot)
					: CompletableFuture.supplyAsync(() -> bringUp(slot, true), this.io));
		}
		List<Worker> workers = new ArrayList<>();
		try {
			for (CompletableFuture<Worker> bringUp : bringUps) {
				workers.add(bringUp.get());
			}
		}
		catch (ExecutionException ex) {
			throw startFailed(bringUps, (ex.getCause() instanceof RuntimeException runtime) ? runtime
					: new PythonWorkerException("Python failed to start: " + ex.getCause(), ex.getCause()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw startFailed(bringUps, new PythonWorkerException("Interrupted while starting Python", ex));
		}
		this.started = true; // from now on a worker's end restarts its slot
		for (int i = 0; i < this.slots.length; i++) {
			Worker worker = workers.get(i);
			if (!this.slots[i].serve(worker)) {
				throw startFailed(bringUps, new PythonWorkerException("Python " + worker.name() + " ("
						+ this.options.python() + ") ended while the workers started: " + worker.endReason()));
			}
		}
	}

	/**
	 * The one worker of a pool brought up on the thread that waits for it: a hand-off to an
	 * I/O thread, and that thread's start, would only lengthen the start.
	 */
	private CompletableFuture<Worker> bringUpHere(Slot slot) {
		try {
			return CompletableFuture.completedFuture(bringUp(slot, true));
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	/** Ends every process that a failed start began, before the failure is thrown. */
	private RuntimeException startFailed(List<CompletableFuture<Worker>> bringUps, RuntimeException failure) {
		this.closed = true;
		killAll(); // the others' bring-ups then end at once
		CompletableFuture.allOf(bringUps.toArray(CompletableFuture[]::new)).exceptionally(ignored -> null).join();
		awaitEnds(killAll());
		return failure;
	}

	private List<Worker> killAll() {
		List<Worker> workers = new ArrayList<>();
		for (Slot slot : this.slots) {
			Worker worker = slot.stop();
			if (worker != null) {
				worker.kill();
				workers.add(worker);
			}
		}
		return workers;
	}

	private static void awaitEnds(List<Worker> workers) {
		try {
			for (Worker worker : workers) {
				worker.awaitEnd(Duration.ofSeconds(5));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * The one way a worker comes up, at start, restart and recycling alike: launch the
	 * process, wait for its hello within the startup timeout, warm it up. Returns the
	 * worker ready to serve, not yet serving; or kills it and throws why it could not
	 * come up.
	 *
	 * @param takeOver whether the new process becomes the slot's at once (start,
	 * restart), so that its failure, even before it is ready, counts towards the slot's
	 * backoff and limit; a recycling successor takes the slot only once ready
	 */
	private Worker bringUp(Slot slot, boolean takeOver) {
		int generation = slot.launching(takeOver);
		if (generation < 0) {
			throw new PythonWorkerException("The Python bridge is closed");
		}
		Worker worker;
		try {
			worker = this.launcher.launch(slot.id(), generation, this);
		}
		catch (RuntimeException ex) {
			if (takeOver) {
				afterEnd(slot, slot.launchFailed(ex.getMessage(), inService()), ex.getMessage(), false);
			}
			throw ex;
		}
		if (takeOver && !slot.launched(worker)) {
			worker.kill();
			throw new PythonWorkerException("The Python bridge is closed");
		}
		try {
			awaitHello(worker);
			this.warmUp.warmUp(worker);
			return worker;
		}
		catch (RuntimeException ex) {
			worker.kill(); // when it took the slot over, its end counts the failure
			throw ex;
		}
	}

	private void awaitHello(Worker worker) {
		try {
			worker.hello().get(this.options.startupTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			String tail = worker.stderrTail();
			throw new PythonWorkerException("Python " + worker.name() + " (" + this.options.python()
					+ ") did not start within " + Durations.format(this.options.startupTimeout())
					+ " (esem.startup-timeout)" + (tail.isEmpty() ? "" : "; stderr:\n" + tail));
		}
		catch (ExecutionException ex) {
			throw new PythonWorkerException("Python " + worker.name() + " (" + this.options.python()
					+ ") failed to start: " + ex.getCause().getMessage(), ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new PythonWorkerException("Interrupted while starting Python", ex);
		}
	}

	/** Whether the pool has started and not closed: only then is a worker's end followed by a restart. */
	private boolean inService() {
		return this.started && !this.closed;
	}

	/**
	 * The worker for a call that no object pins: the least busy ready one, or the first
	 * that becomes ready while workers restart. Fails at once when every slot gave up.
	 * The caller has checked that the pool is open ({@link #checkOpen}).
	 *
	 * @param newObject whether the call makes a new Python object: a worker being recycled
	 * takes none (they would die with it), so such a call waits for its successor
	 */
	public CompletableFuture<Worker> route(boolean newObject) {
		Worker best = null;
		for (Slot slot : this.slots) {
			Worker worker = slot.ready();
			if (worker != null && worker.isAlive() && worker.plannedEnd() == null
					&& !(newObject && worker.isRetiring())
					&& (best == null || worker.inFlight() < best.inFlight())) {
				best = worker;
			}
		}
		if (best != null) {
			maybeRecycle(best);
			return CompletableFuture.completedFuture(best);
		}
		List<CompletableFuture<Worker>> waiting = new ArrayList<>();
		List<String> failures = new ArrayList<>();
		for (Slot slot : this.slots) {
			if (slot.state() == WorkerState.FAILED) {
				failures.add(slot.lastFailure());
			}
			else {
				waiting.add(slot.next());
			}
		}
		if (waiting.isEmpty()) {
			return CompletableFuture.failedFuture(new PythonWorkerException(
					"No Python worker is available: restarts are exhausted (esem.restart.max-attempts="
							+ this.options.restartMaxAttempts() + "). Last failure: " + failures.get(0)));
		}
		CompletableFuture<Worker> first = new CompletableFuture<>();
		for (CompletableFuture<Worker> next : waiting) {
			next.whenComplete((worker, failure) -> {
				if (worker != null) {
					first.complete(worker);
				}
				else if (waiting.stream().allMatch(CompletableFuture::isCompletedExceptionally)) {
					first.completeExceptionally(failure);
				}
			});
		}
		return first.orTimeout(this.options.callTimeout().toMillis(), TimeUnit.MILLISECONDS)
			.exceptionallyCompose(failure -> CompletableFuture.failedFuture((failure instanceof TimeoutException)
					? new PythonWorkerException("No Python worker became ready within the call timeout") : failure));
	}

	/** Fails with the reason once the bridge has closed. */
	public void checkOpen() {
		if (this.closed) {
			throw new PythonWorkerException("The Python bridge is closed");
		}
	}

	/**
	 * A call on {@code worker} is stuck past its timeout and grace: replace the worker if
	 * so configured. Runs on the timer thread: the worker is marked at once, so no further
	 * call is routed to it, and killed on an I/O thread.
	 */
	@Override
	public void callStuck(Worker worker, CallTarget target, Duration timeout, Duration grace) {
		if (this.options.replaceOnTimeout() && worker.isAlive() && !this.closed && worker.plannedEnd() == null) {
			String reason = "Python " + worker.name() + " was replaced because a call to " + target
					+ " timed out after " + Durations.format(timeout) + " and was still running "
					+ Durations.format(grace) + " later";
			logger.warn(reason);
			worker.planEnd(reason);
			BridgeExecutors.run(this.io, worker::kill);
		}
	}

	/** A worker process ended: its slot restarts, with backoff after a failure, unless the bridge is closing. */
	@Override
	public void workerEnded(Worker worker, String reason) {
		Slot slot = this.slots[worker.slotId() - 1];
		afterEnd(slot, slot.ended(worker, reason, inService()), reason, worker.plannedEnd() != null);
	}

	/** Acts on what a slot decided after its worker ended or could not be launched. */
	private void afterEnd(Slot slot, Slot.AfterEnd next, String reason, boolean planned) {
		if (next.givenUp()) {
			logger.error("Python worker-{} is given up after {} restarts in a row: {}", slot.id(),
					this.options.restartMaxAttempts(), reason);
			return;
		}
		if (next.restartIn() == null) {
			return;
		}
		if (!planned) {
			logger.warn("{}; restarting in {}", reason, Durations.format(next.restartIn()));
		}
		try {
			this.timer.schedule(() -> this.io.execute(() -> restart(slot)), next.restartIn().toMillis(),
					TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			return; // the bridge closed meanwhile
		}
		this.restartListener.accept(slot.id(), reason);
	}

	/** Brings a new worker up in a slot whose worker ended; a failure schedules the next try. */
	private void restart(Slot slot) {
		if (this.closed) {
			return;
		}
		Worker worker;
		try {
			worker = bringUp(slot, true);
		}
		catch (RuntimeException ex) {
			logger.error("Could not restart Python worker-{}: {}", slot.id(), ex.getMessage());
			return;
		}
		if (this.closed || !slot.serve(worker)) {
			return; // the bridge closed (close stops the worker), or the worker ended (its end restarts the slot)
		}
		logger.info("Python {} (pid {}) is ready", worker.name(), worker.pid());
		if (this.closed) {
			worker.stop(STOP_GRACE);
		}
	}

	private void maybeRecycle(Worker worker) {
		boolean tooManyCalls = this.options.recycleMaxCalls() > 0
				&& worker.callsSent() >= this.options.recycleMaxCalls();
		boolean tooOld = this.options.recycleMaxAge() != null
				&& worker.uptime().compareTo(this.options.recycleMaxAge()) >= 0;
		if (!tooManyCalls && !tooOld) {
			return;
		}
		Slot slot = this.slots[worker.slotId() - 1];
		if (!slot.startRecycling(worker)) {
			return;
		}
		try {
			this.io.execute(() -> recycle(slot, worker, tooManyCalls ? "calls" : "age"));
		}
		catch (RejectedExecutionException ex) {
			slot.recycled(worker); // the bridge closed
		}
	}

	/**
	 * Brings the successor up first, switches calls to it, then lets the old worker drain
	 * and exit. The old worker takes no new objects meanwhile; if it holds one at the swap
	 * all the same (a function returned one), recycling is given up rather than kill it.
	 */
	private void recycle(Slot slot, Worker old, String limit) {
		Worker successor = null;
		boolean swapped = false;
		try {
			successor = bringUp(slot, false);
			if (this.closed || !slot.swap(old, successor)) {
				successor.planEnd("Recycling Python " + old.name() + " was given up");
				successor.kill();
				return;
			}
			swapped = true;
			String reason = "Python " + old.name() + " was recycled (esem.recycle max " + limit + " reached)";
			logger.info(reason);
			this.restartListener.accept(slot.id(), reason);
			old.planEnd(reason);
			old.drained().get(this.options.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (Exception ex) {
			logger.warn("Recycling Python worker-{} failed: {}", slot.id(), ex.toString());
			if (successor != null && !swapped) {
				successor.kill();
			}
		}
		finally {
			if (old.plannedEnd() != null) {
				old.stop(STOP_GRACE);
			}
			slot.recycled(swapped ? successor : old);
		}
	}

	/** Stops taking calls, lets in-flight calls finish within {@code timeout}, then stops every worker. */
	public void close(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		this.closed = true;
		List<Worker> workers = new ArrayList<>();
		for (Slot slot : this.slots) {
			Worker worker = slot.stop();
			if (worker != null) {
				workers.add(worker);
			}
		}
		for (Worker worker : workers) {
			try {
				long left = Math.max(0, deadline - System.nanoTime());
				worker.drained().get(left, TimeUnit.NANOSECONDS);
			}
			catch (TimeoutException | ExecutionException ex) {
				logger.warn("Python {} still had {} calls in flight at close", worker.name(), worker.inFlight());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			worker.planEnd("The Python bridge was closed");
		}
		workers.forEach(worker -> worker.stop(STOP_GRACE));
		for (Worker worker : workers) {
			try {
				worker.awaitEnd(STOP_GRACE);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/** The workers able to take calls now. */
	public List<Worker> readyWorkers() {
		List<Worker> ready = new ArrayList<>();
		for (Slot slot : this.slots) {
			Worker worker = slot.ready();
			if (worker != null && worker.isAlive()) {
				ready.add(worker);
			}
		}
		return ready;
	}

	/** Python objects that Java holds handles to, in the workers running now. */
	public int liveObjects() {
		int live = 0;
		for (Slot slot : this.slots) {
			Worker worker = slot.ready();
			if (worker != null && worker.isAlive()) {
				live += worker.liveObjects().get();
			}
		}
		return live;
	}

	/** The state of every slot and its process, for monitoring. */
	public List<WorkerInfo> infos() {
		List<WorkerInfo> infos = new ArrayList<>();
		for (Slot slot : this.slots) {
			Worker worker = slot.current();
			boolean running = worker != null && worker.isAlive();
			infos.add(new WorkerInfo(slot.id(), running ? worker.pid() : -1, slot.generation(), slot.state(),
					running ? worker.uptime() : Duration.ZERO, slot.restarts(), running ? worker.inFlight() : 0,
					running ? worker.reportedRegistrySize() : -1, slot.lastFailure(),
					running ? worker.openStreams().get() : 0, running ? worker.heldFunctions().get() : 0));
		}
		return infos;
	}

}
