package dev.esem.internal;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import dev.esem.BatchedFunction;
import dev.esem.PyExport;
import dev.esem.PyModule;
import dev.esem.PyObject;
import dev.esem.PythonFactory;
import dev.esem.internal.protocol.ResultForm;
import dev.esem.internal.proxy.PythonInvocationHandler;
import dev.esem.internal.proxy.PythonTarget;
import dev.esem.internal.worker.CallTarget;

/** A loaded module: its calls carry the spec, so every worker imports it on first use. */
final class ModuleHandle implements PyModule, PythonTarget {

	private final BridgeRuntime runtime;

	private final String spec;

	private final String name;

	private final List<PyExport> exports;

	private final Map<String, CallTarget> targets;

	/** The deadline of this handle's calls, or {@code null} for the bridge's call timeout. */
	private final Duration timeout;

	ModuleHandle(BridgeRuntime runtime, String spec, String name, List<PyExport> exports) {
		this(runtime, spec, name, List.copyOf(exports), new ConcurrentHashMap<>(), null);
	}

	private ModuleHandle(BridgeRuntime runtime, String spec, String name, List<PyExport> exports,
			Map<String, CallTarget> targets, Duration timeout) {
		this.runtime = runtime;
		this.spec = spec;
		this.name = name;
		this.exports = exports;
		this.targets = targets;
		this.timeout = timeout;
	}

	Duration timeout() {
		return this.timeout;
	}

	@Override
	public PyModule withTimeout(Duration timeout) {
		return new ModuleHandle(this.runtime, this.spec, this.name, this.exports, this.targets,
				Durations.positive(timeout, "timeout"));
	}

	@Override
	public PythonTarget withTimeoutOf(Duration timeout) {
		return (ModuleHandle) withTimeout(timeout);
	}

	@Override
	public Stream<Object> stream(String function, Object... args) {
		return this.runtime.calls().stream(this.runtime.calls().function(this, function, args, ResultForm.STREAM));
	}

	@Override
	public String spec() {
		return this.spec;
	}

	@Override
	public String name() {
		return this.name;
	}

	/**
	 * What a call of {@code member} addresses, for statistics and metrics; made once per
	 * member. A name the module does not export (one typed by a user, say) is counted as
	 * {@link CallTarget#OTHER}, so that such names never grow the statistics or a
	 * metrics registry.
	 */
	CallTarget target(String member) {
		CallTarget target = this.targets.get(member);
		if (target != null) {
			return target;
		}
		if (this.exports.stream().noneMatch(export -> export.name().equals(member))) {
			return this.targets.computeIfAbsent(CallTarget.OTHER, name -> new CallTarget(this.name, name));
		}
		return this.targets.computeIfAbsent(member, name -> new CallTarget(this.name, name));
	}

	@Override
	public Object call(String function, Object... args) {
		return this.runtime.calls().execute(this.runtime.calls().function(this, function, args, ResultForm.VALUE));
	}

	@Override
	public CompletableFuture<Object> callAsync(String function, Object... args) {
		return this.runtime.calls().submit(() -> this.runtime.calls().function(this, function, args, ResultForm.VALUE));
	}

	@Override
	public Object request(String name, Object[] args, ResultForm form) {
		return this.runtime.calls().execute(this.runtime.calls().function(this, name, args, form));
	}

	@Override
	public CompletableFuture<Object> requestAsync(String name, Object[] args, ResultForm form) {
		return this.runtime.calls().submit(() -> this.runtime.calls().function(this, name, args, form));
	}

	@Override
	public Object attribute(String name) {
		return get(name);
	}

	@Override
	public Object get(String attribute) {
		return this.runtime.calls().execute(this.runtime.calls().moduleAttribute(this, attribute));
	}

	@Override
	public PyObject construct(String className, Object... args) {
		return (PyObject) this.runtime.calls().execute(this.runtime.calls().construct(this, className, args));
	}

	@Override
	public CompletableFuture<PyObject> constructAsync(String className, Object... args) {
		return this.runtime.calls().submit(() -> this.runtime.calls().construct(this, className, args))
			.thenApply(PyObject.class::cast);
	}

	@Override
	public PyObject constructReplicated(String className, Object... args) {
		return this.runtime.replicate(this, className, args);
	}

	@Override
	public BatchedFunction batched(String function, int maxSize, Duration maxDelay) {
		return this.runtime.batcher(target(function), maxSize, maxDelay, this.runtime.workerCount(), this.timeout,
				(batch, deadline) -> this.runtime.calls().submit(() -> this.runtime.calls().batch(this, function, batch, deadline)));
	}

	@Override
	public <T> PythonFactory<T> factory(String className, Class<T> type) {
		return new TypedFactory<>(this, className, type);
	}

	@Override
	public <T> T bind(Class<T> moduleInterface) {
		return PythonInvocationHandler.proxy(this, moduleInterface);
	}

	@Override
	public Set<String> exports() {
		Set<String> names = new LinkedHashSet<>();
		this.exports.forEach(export -> names.add(export.name()));
		return names;
	}

	@Override
	public List<PyExport> exportDetails() {
		return this.exports;
	}

	@Override
	public <T> T view(PyObject object, Class<T> type) {
		return object.as(type);
	}

	@Override
	public Object convert(Object value, Type type) {
		return this.runtime.convert(value, type);
	}

	@Override
	public String toString() {
		return "PyModule[" + this.name + " from " + this.spec + "]";
	}

}
