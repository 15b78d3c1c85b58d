package dev.esem.internal.handle;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import dev.esem.PyExport;
import dev.esem.PyModule;
import dev.esem.PyObject;
import dev.esem.PythonFactory;
import dev.esem.internal.Durations;
import dev.esem.internal.protocol.ResultForm;
import dev.esem.internal.proxy.PythonInvocationHandler;
import dev.esem.internal.proxy.PythonTarget;
import dev.esem.internal.worker.Call;
import dev.esem.internal.worker.CallTarget;

/** A loaded module: its calls carry the spec, so every worker imports it on first use. */
final class ModuleHandle extends DirectHandle implements PyModule {

	private final String spec;

	private final String name;

	private final List<PyExport> exports;

	private final Map<String, CallTarget> targets;

	/**
	 * The shape of each class constructed here (by a waiting construct), by the name it was
	 * constructed by: what a pipelined construct of that class names its handle with.
	 */
	private final Map<String, ClassShape> constructed;

	/** The deadline of this handle's calls, or {@code null} for the bridge's call timeout. */
	private final Duration timeout;

	ModuleHandle(HandleContext context, String spec, String name, List<PyExport> exports) {
		this(context, spec, name, List.copyOf(exports), new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), null);
	}

	private ModuleHandle(HandleContext context, String spec, String name, List<PyExport> exports,
			Map<String, CallTarget> targets, Map<String, ClassShape> constructed, Duration timeout) {
		super(context);
		this.spec = spec;
		this.name = name;
		this.exports = exports;
		this.targets = targets;
		this.constructed = constructed;
		this.timeout = timeout;
	}

	@Override
	Duration timeout() {
		return this.timeout;
	}

	@Override
	int batchCapacity() {
		return this.context.workerCount();
	}

	@Override
	Call newCall(String function, Object[] args, ResultForm form) {
		return calls().function(this, function, args, form);
	}

	@Override
	Call attributeCall(String name) {
		return calls().moduleAttribute(this, name);
	}

	@Override
	Call batchCall(String function, Object batch, Duration timeout) {
		return calls().batch(this, function, batch, timeout);
	}

	@Override
	public PyModule withTimeout(Duration timeout) {
		return new ModuleHandle(this.context, this.spec, this.name, this.exports, this.targets, this.constructed,
				Durations.positive(timeout, "timeout"));
	}

	@Override
	public PythonTarget withTimeoutOf(Duration timeout) {
		return (ModuleHandle) withTimeout(timeout);
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
	@Override
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
	public PyObject construct(String className, Object... args) {
		return learn(className, (PyObject) calls().execute(calls().construct(this, className, args)));
	}

	@Override
	public CompletableFuture<PyObject> constructAsync(String className, Object... args) {
		return calls().submit(() -> calls().construct(this, className, args))
			.thenApply(object -> learn(className, (PyObject) object));
	}

	/**
	 * Sends the constructor one-way once the class's shape is known here; otherwise (and
	 * when {@link CallPath#constructPipelined} declines) the waiting construct, which
	 * learns the shape.
	 */
	@Override
	public PyObject constructPipelined(String className, Object... args) {
		ClassShape shape = this.constructed.get(className);
		if (shape != null) {
			PyObject object = calls().constructPipelined(this, className, shape, args);
			if (object != null) {
				return object;
			}
		}
		return construct(className, args);
	}

	/** Notes the shape of an instance of {@code className} made here; returns {@code object}. */
	private PyObject learn(String className, PyObject object) {
		if (object instanceof ObjectHandle handle && !this.constructed.containsKey(className)
				&& !PythonStream.isStream(handle.module(), handle.pythonClass())) {
			this.constructed.putIfAbsent(className, handle.shape());
		}
		return object;
	}

	@Override
	public PyObject constructReplicated(String className, Object... args) {
		return this.context.replicate(this, className, args);
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
	public String toString() {
		return "PyModule[" + this.name + " from " + this.spec + "]";
	}

}
