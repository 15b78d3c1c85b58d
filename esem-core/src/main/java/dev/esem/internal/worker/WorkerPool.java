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
import dev.esem.monitor.WorkerInfo;
import dev.esem.monitor.WorkerState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pool of worker slots: routes calls to the least-busy ready worker, replaces
 * workers that die (with backoff and a limit), that get stuck in a timed-out call, or
 * that reached their recycling limits, and stops them all on close.
 */
public final class WorkerPool implements WorkerEvents {

	private static final Logger logger = LoggerFactory.getLogger(WorkerPool.class);

	/** A worker that lived this long is trusted again: its slot's failure count restarts. */
	private static final Duration STABLE_UPTIME = Duration.ofMinutes(1);

	private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

	private static final Duration STOP_GRACE = Duration.ofSeconds(2);

	private final BridgeOptions options;

	private final Slot[] slots;

	private final ScheduledExecutorService timer;

	private final ExecutorService supervisor;

	private final BiConsumer<Integer, String> restartListener;

	private WorkerLauncher launcher;

	private WorkerWarmUp warmUp;

	private volatile boolean started;

	private volatile boolean closed;

	public WorkerPool(BridgeOptions options, ScheduledExecutorService timer, ExecutorService supervisor,
			BiConsumer<Integer, String> restartListener) {
		this.options = options;
		this.timer = timer;
		this.supervisor = supervisor;
		this.restartListener = restartListener;
		this.slots = new Slot[options.workers()];
		for (int i = 0; i < this.slots.length; i++) {
			this.slots[i] = new Slot(i + 1);
		}
	}

	/** Runs on every new worker before it serves calls (preloading modules); throws to reject it. */
	public interface WorkerWarmUp {

		void warmUp(Worker worker);

	}

	/** Starts every worker and waits until all are ready; throws with the reason if one cannot start. */
	public void start(WorkerLauncher launcher, WorkerWarmUp warmUp) {
		this.launcher = launcher;
		this.warmUp = warmUp;
		List<Worker> starting = new ArrayList<>();
		try {
			for (Slot slot : this.slots) {
				Worker worker = launcher.launch(slot.id, 1, this);
				synchronized (slot) {
					slot.current = worker;
					slot.generation = 1;
				}
				starting.add(worker);
			}
			for (Worker worker : starting) {
				awaitReady(worker);
				warmUp.warmUp(worker);
			}
		}
		catch (RuntimeException ex) {
			this.closed = true;
			starting.forEach(Worker::kill);
			awaitEnds(starting); // a failed start leaves no process behind once it has thrown
			throw ex;
		}
		List<CompletableFuture<Worker>> waiters = new ArrayList<>();
		for (int i = 0; i < this.slots.length; i++) {
			Slot slot = this.slots[i];
			synchronized (slot) {
				slot.ready = starting.get(i);
				slot.state = WorkerState.READY;
				waiters.add(slot.next);
				slot.next = new CompletableFuture<>();
			}
			waiters.get(i).complete(starting.get(i));
		}
		this.started = true;
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

	private void awaitReady(Worker worker) {
		try {
			worker.hello().get(this.options.startupTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			worker.planEnd("Python " + worker.name() + " did not start within the startup timeout of "
					+ Durations.format(this.options.startupTimeout()));
			worker.kill();
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
			worker.kill();
			throw new PythonWorkerException("Interrupted while starting Python", ex);
		}
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
			Worker worker = slot.ready;
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
			if (slot.state == WorkerState.FAILED) {
				failures.add(slot.lastFailure);
			}
			else {
				waiting.add(slot.next);
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

	/** Throws when the pool is closed: it takes no calls any more. */
	public void checkOpen() {
		if (this.closed) {
			throw new PythonWorkerException("The Python bridge is closed");
		}
	}

	/**
	 * A call on {@code worker} is stuck past its timeout and grace: replace the worker if
	 * so configured. Runs on the timer thread: the worker is marked at once, so no further
	 * call is routed to it, and killed on a supervisor thread.
	 */
	@Override
	public void callStuck(Worker worker, CallTarget target, Duration timeout, Duration grace) {
		if (this.options.replaceOnTimeout() && worker.isAlive() && !this.closed && worker.plannedEnd() == null) {
			String reason = "Python " + worker.name() + " was replaced because a call to " + target
					+ " timed out after " + Durations.format(timeout) + " and was still running "
					+ Durations.format(grace) + " later";
			logger.warn(reason);
			worker.planEnd(reason);
			try {
				this.supervisor.execute(worker::kill);
			}
			catch (RejectedExecutionException ex) {
				worker.kill();
			}
		}
	}

	/** A worker process ended: restart its slot, with backoff, unless the bridge is closing. */
	@Override
	public void workerEnded(Worker worker, String reason) {
		Slot slot = this.slots[worker.slotId() - 1];
		boolean planned = worker.plannedEnd() != null;
		long delayMillis;
		CompletableFuture<Worker> givenUp = null;
		synchronized (slot) {
			if (slot.current != worker) {
				return;
			}
			slot.ready = null;
			slot.lastFailure = reason;
			if (this.closed || !this.started) {
				slot.state = this.closed ? WorkerState.STOPPED : slot.state;
				return;
			}
			if (!planned) {
				if (worker.uptime().compareTo(STABLE_UPTIME) >= 0) {
					slot.consecutiveFailures = 0;
				}
				slot.consecutiveFailures++;
			}
			if (slot.consecutiveFailures > this.options.restartMaxAttempts()) {
				slot.state = WorkerState.FAILED;
				givenUp = slot.next;
				delayMillis = -1;
			}
			else {
				slot.state = WorkerState.RESTARTING;
				slot.restarts++;
				delayMillis = planned ? 0 : backoff(slot.consecutiveFailures).toMillis();
			}
		}
		if (givenUp != null) {
			logger.error("Python worker-{} is given up after {} restarts in a row: {}", slot.id,
					this.options.restartMaxAttempts(), reason);
			givenUp.completeExceptionally(new PythonWorkerException("Python worker-" + slot.id
					+ " is given up: restarts are exhausted (esem.restart.max-attempts="
					+ this.options.restartMaxAttempts() + "). Last failure: " + reason));
			return;
		}
		if (!planned) {
			logger.warn("{}; restarting in {} ms", reason, delayMillis);
		}
		try {
			this.timer.schedule(() -> this.supervisor.execute(() -> restart(slot)), delayMillis, TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			return; // the bridge closed meanwhile
		}
		this.restartListener.accept(slot.id, reason);
	}

	private Duration backoff(int failures) {
		Duration delay = this.options.restartBackoff().multipliedBy(1L << Math.min(failures - 1, 20));
		return (delay.compareTo(MAX_BACKOFF) > 0) ? MAX_BACKOFF : delay;
	}

	private void restart(Slot slot) {
		if (this.closed) {
			return;
		}
		Worker worker;
		int generation;
		synchronized (slot) {
			generation = ++slot.generation;
			slot.state = WorkerState.STARTING;
		}
		try {
			worker = this.launcher.launch(slot.id, generation, this);
		}
		catch (RuntimeException ex) {
			logger.error("Could not restart Python worker-{}: {}", slot.id, ex.getMessage());
			synchronized (slot) {
				slot.state = WorkerState.FAILED;
				slot.lastFailure = ex.getMessage();
			}
			slot.next.completeExceptionally(ex);
			return;
		}
		synchronized (slot) {
			slot.current = worker;
		}
		if (!becomeReady(worker)) {
			return;
		}
		CompletableFuture<Worker> waiters;
		synchronized (slot) {
			if (slot.current != worker || this.closed) {
				return;
			}
			slot.ready = worker;
			slot.state = WorkerState.READY;
			waiters = slot.next;
			slot.next = new CompletableFuture<>();
		}
		logger.info("Python {} (pid {}) is ready", worker.name(), worker.pid());
		waiters.complete(worker);
		if (this.closed) {
			worker.stop(STOP_GRACE);
		}
	}

	/**
	 * Waits for hello and warm-up; on failure kills the worker (a restarted one's end then
	 * schedules the next try) and returns false.
	 */
	private boolean becomeReady(Worker worker) {
		try {
			worker.hello().get(this.options.startupTimeout().toMillis(), TimeUnit.MILLISECONDS);
			this.warmUp.warmUp(worker);
			return true;
		}
		catch (TimeoutException | ExecutionException | RuntimeException ex) {
			logger.error("Python {} could not start: {}", worker.name(), ex.getMessage());
			worker.kill();
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			worker.kill();
			return false;
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
		synchronized (slot) {
			if (slot.recycling || slot.ready != worker || worker.holdsObjects()) {
				return;
			}
			slot.recycling = true;
			worker.retire();
		}
		this.supervisor.execute(() -> recycle(slot, worker, tooManyCalls ? "calls" : "age"));
	}

	/**
	 * Starts the successor first, switches calls to it, then lets the old worker drain and
	 * exit. The old worker takes no new objects meanwhile; if it holds one at the swap all
	 * the same (a function returned one), recycling is given up rather than kill it.
	 */
	private void recycle(Slot slot, Worker old, String limit) {
		Worker successor = null;
		Worker next = old;
		CompletableFuture<Worker> waiters = null;
		try {
			int generation;
			synchronized (slot) {
				generation = ++slot.generation;
			}
			successor = this.launcher.launch(slot.id, generation, this);
			if (!becomeReady(successor)) {
				return;
			}
			synchronized (slot) {
				if (slot.current != old || this.closed || old.holdsObjects()) {
					successor.planEnd("Recycling Python " + old.name() + " was given up");
					successor.kill();
					return;
				}
				slot.current = successor;
				slot.ready = successor;
				slot.restarts++;
				next = successor;
			}
			String reason = "Python " + old.name() + " was recycled (esem.recycle max " + limit + " reached)";
			logger.info(reason);
			this.restartListener.accept(slot.id, reason);
			old.planEnd(reason);
			old.drained().get(this.options.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (Exception ex) {
			logger.warn("Recycling Python worker-{} failed: {}", slot.id, ex.toString());
			if (successor != null && next != successor) {
				successor.kill();
			}
		}
		finally {
			if (old.plannedEnd() != null) {
				old.stop(STOP_GRACE);
			}
			synchronized (slot) {
				slot.recycling = false;
				if (next == old) {
					old.unretire();
				}
				waiters = slot.next;
				slot.next = new CompletableFuture<>();
			}
			// calls that make objects waited for this
			waiters.complete(next);
		}
	}

	/** Stops taking calls, lets in-flight calls finish within {@code timeout}, then stops every worker. */
	public void close(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		this.closed = true;
		List<Worker> workers = new ArrayList<>();
		for (Slot slot : this.slots) {
			synchronized (slot) {
				if (slot.current != null) {
					workers.add(slot.current);
				}
				slot.ready = null;
				slot.state = WorkerState.STOPPED;
			}
			slot.next.completeExceptionally(new PythonWorkerException("The Python bridge is closed"));
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
			Worker worker = slot.ready;
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
			Worker worker = slot.ready;
			if (worker != null && worker.isAlive()) {
				live += worker.liveObjects().get();
			}
		}
		return live;
	}

	public List<WorkerInfo> infos() {
		List<WorkerInfo> infos = new ArrayList<>();
		for (Slot slot : this.slots) {
			Worker worker;
			synchronized (slot) {
				worker = slot.current;
			}
			boolean running = worker != null && worker.isAlive();
			infos.add(new WorkerInfo(slot.id, running ? worker.pid() : -1, slot.generation, slot.state,
					running ? worker.uptime() : Duration.ZERO, slot.restarts, running ? worker.inFlight() : 0,
					running ? worker.reportedRegistrySize() : -1, slot.lastFailure,
					running ? worker.openStreams().get() : 0, running ? worker.heldFunctions().get() : 0));
		}
		return infos;
	}

}
