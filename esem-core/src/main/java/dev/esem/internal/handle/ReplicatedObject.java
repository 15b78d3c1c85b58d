package dev.esem.internal.handle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Stream;

import dev.esem.BatchedFunction;
import dev.esem.PyObject;
import dev.esem.PythonInstance;
import dev.esem.internal.Durations;
import dev.esem.internal.protocol.ResultForm;
import dev.esem.internal.proxy.PythonInvocationHandler;
import dev.esem.internal.proxy.PythonTarget;
import dev.esem.internal.worker.Calls;
import dev.esem.internal.worker.Worker;

/**
 * One Python object with a replica in every worker. Each call goes to the replica of the
 * least-busy ready worker; a worker that ends takes its replica with it, and its successor
 * builds a new one before it takes calls, so this handle never goes stale. State is per
 * replica: a call sees the state of the replica it reached.
 */
final class ReplicatedObject extends PythonHandle implements PyObject, PythonInstance {

	private static final AtomicLong IDS = new AtomicLong();

	/** What all views of one replicated object share. */
	private static final class Shared {

		final String refId = "py_replicated_" + IDS.incrementAndGet();

		final Map<Worker, CompletableFuture<ObjectHandle>> replicas = new ConcurrentHashMap<>();

		final AtomicBoolean released = new AtomicBoolean();

	}

	private final Replicas registry;

	private final ModuleHandle module;

	private final String className;

	private final Object[] args;

	private final Shared shared;

	/** The deadline of this view's calls, or {@code null} for the bridge's call timeout. */
	private final Duration timeout;

	ReplicatedObject(HandleContext context, Replicas registry, ModuleHandle module, String className, Object[] args) {
		this(context, registry, module, className, args.clone(), new Shared(), null);
	}

	private ReplicatedObject(HandleContext context, Replicas registry, ModuleHandle module, String className,
			Object[] args, Shared shared, Duration timeout) {
		super(context);
		this.registry = registry;
		this.module = module;
		this.className = className;
		this.args = args;
		this.shared = shared;
		this.timeout = timeout;
	}

	/**
	 * Builds a replica on every ready worker and registers the object, so workers started
	 * later build theirs; when one fails, releases the others and throws its error.
	 */
	ReplicatedObject start() {
		this.registry.add(this);
		try {
			List<CompletableFuture<ObjectHandle>> building = new ArrayList<>();
			for (Worker worker : this.context.readyWorkers()) {
				building.add(replicaOn(worker));
			}
			building.forEach(Calls::join);
		}
		catch (RuntimeException ex) {
			release();
			throw ex;
		}
		return this;
	}

	/** The replica on {@code worker}, built now unless it is built or being built. */
	CompletableFuture<ObjectHandle> replicaOn(Worker worker) {
		CompletableFuture<ObjectHandle> mine = new CompletableFuture<>();
		CompletableFuture<ObjectHandle> existing = this.shared.replicas.putIfAbsent(worker, mine);
		if (existing != null) {
			return existing;
		}
		CallPath calls = this.context.calls();
		calls.submit(() -> calls.replica(worker, this.module, this.className, this.args))
			.whenComplete((made, failure) -> {
				if (failure != null) {
					this.shared.replicas.remove(worker, mine);
					mine.completeExceptionally(failure);
					return;
				}
				ObjectHandle replica = (ObjectHandle) made;
				worker.replicas().incrementAndGet();
				mine.complete(replica);
				if (isReleased() || !worker.isAlive()) {
					dropReplica(worker, mine);
				}
			});
		return mine;
	}

	/** A worker ended: its replica with it. */
	void workerEnded(Worker worker) {
		CompletableFuture<ObjectHandle> replica = this.shared.replicas.get(worker);
		if (replica != null) {
			dropReplica(worker, replica);
		}
	}

	private void dropReplica(Worker worker, CompletableFuture<ObjectHandle> replica) {
		if (this.shared.replicas.remove(worker, replica) && replica.isDone() && !replica.isCompletedExceptionally()) {
			replica.join().release();
			worker.replicas().decrementAndGet();
		}
	}

	int replicasInSlot(int slotId, long pid) {
		int count = 0;
		for (Map.Entry<Worker, CompletableFuture<ObjectHandle>> entry : this.shared.replicas.entrySet()) {
			Worker worker = entry.getKey();
			if (worker.slotId() == slotId && worker.pid() == pid && worker.isAlive() && entry.getValue().isDone()
					&& !entry.getValue().isCompletedExceptionally()) {
				count++;
			}
		}
		return count;
	}

	String describe() {
		return this.module.name() + "." + this.className + " (" + this.shared.refId + ")";
	}

	/** The replica for the next call: on the least-busy ready worker, built there first if it is not yet. */
	private CompletableFuture<ObjectHandle> replica() {
		if (isReleased()) {
			return CompletableFuture.failedFuture(released());
		}
		return this.context.calls().route().thenCompose(this::replicaOn).thenApply(this::viewed);
	}

	private ObjectHandle viewed(ObjectHandle replica) {
		return (this.timeout != null) ? (ObjectHandle) replica.withTimeout(this.timeout) : replica;
	}

	private ObjectHandle replicaNow() {
		Calls.checkMayBlock();
		return Calls.join(replica());
	}

	private <R> CompletableFuture<R> onReplica(Function<ObjectHandle, CompletableFuture<R>> call) {
		return replica().thenCompose(call);
	}

	private IllegalStateException released() {
		return new IllegalStateException(
				"Replicated Python object " + describe() + " was released; it can no longer be used");
	}

	@Override
	public String refId() {
		return this.shared.refId;
	}

	@Override
	public String pythonClass() {
		return this.className;
	}

	@Override
	public Set<String> methods() {
		return replicaNow().methods();
	}

	@Override
	public Object request(String name, Object[] args, ResultForm form) {
		return replicaNow().request(name, args, form);
	}

	@Override
	public CompletableFuture<Object> requestAsync(String name, Object[] args, ResultForm form) {
		return onReplica(replica -> replica.requestAsync(name, args, form));
	}

	/** Iterates the object: the stream stays with the replica it started on. */
	@Override
	public Stream<Object> stream() {
		return replicaNow().stream();
	}

	@Override
	public Stream<Object> stream(String name, Object... args) {
		return replicaNow().stream(name, args);
	}

	@Override
	public PyObject withTimeout(Duration timeout) {
		return new ReplicatedObject(this.context, this.registry, this.module, this.className, this.args, this.shared,
				Durations.positive(timeout, "timeout"));
	}

	@Override
	public PythonTarget withTimeoutOf(Duration timeout) {
		return (ReplicatedObject) withTimeout(timeout);
	}

	@Override
	public BatchedFunction batched(String method, int maxSize, Duration maxDelay) {
		// every replica has the class's shape: any of them names the method for statistics
		return this.context.batcher(replicaNow().target(method), maxSize, maxDelay,
				this.context.workerCount(), this.timeout,
				(batch, deadline) -> onReplica(
						replica -> replica.calls().submit(() -> replica.batchCall(method, batch, deadline))));
	}

	@Override
	public Object get(String attribute) {
		return replicaNow().get(attribute);
	}

	@Override
	public <T> T as(Class<T> type) {
		if (isReleased()) {
			throw released();
		}
		return PythonInvocationHandler.proxy(this, type);
	}

	@Override
	public boolean isReleased() {
		return this.shared.released.get();
	}

	/** Ends every replica; the workers started later build none. */
	@Override
	public void release() {
		if (!this.shared.released.compareAndSet(false, true)) {
			return;
		}
		this.registry.remove(this);
		this.shared.replicas.forEach(this::dropReplica);
	}

	@Override
	public void close() {
		release();
	}

	@Override
	public String toString() {
		return "PyObject[" + this.shared.refId + " " + this.module.name() + "." + this.className + ", replicated"
				+ (isReleased() ? ", released" : "") + "]";
	}

}
