package dev.esem.internal;

import java.lang.reflect.Type;
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
import dev.esem.internal.proxy.PythonInvocationHandler;
import dev.esem.internal.proxy.PythonTarget;
import dev.esem.internal.worker.CallTarget;
import dev.esem.internal.worker.Calls;

/** A loaded module: its calls carry the spec, so every worker imports it on first use. */
final class ModuleHandle implements PyModule, PythonTarget {

	private final BridgeRuntime runtime;

	private final String spec;

	private final String name;

	private final List<PyExport> exports;

	private final Map<String, CallTarget> targets = new ConcurrentHashMap<>();

	ModuleHandle(BridgeRuntime runtime, String spec, String name, List<PyExport> exports) {
		this.runtime = runtime;
		this.spec = spec;
		this.name = name;
		this.exports = List.copyOf(exports);
	}

	@Override
	public String spec() {
		return this.spec;
	}

	@Override
	public String name() {
		return this.name;
	}

	/** What a call of {@code member} addresses; made once per member. */
	CallTarget target(String member) {
		return this.targets.computeIfAbsent(member, name -> new CallTarget(this.name, name));
	}

	@Override
	public Object call(String function, Object... args) {
		return Calls.await(this.runtime.callFunction(this, function, args, false, true));
	}

	@Override
	public CompletableFuture<Object> callAsync(String function, Object... args) {
		return this.runtime.callFunction(this, function, args, false, false);
	}

	@Override
	public CompletableFuture<Object> request(String name, Object[] args, boolean asHandle, boolean awaited) {
		return this.runtime.callFunction(this, name, args, asHandle, awaited);
	}

	@Override
	public Object get(String attribute) {
		return Calls.await(this.runtime.moduleAttribute(this, attribute, true));
	}

	@Override
	public PyObject construct(String className, Object... args) {
		return (PyObject) Calls.await(this.runtime.construct(this, className, args, true));
	}

	@Override
	public CompletableFuture<PyObject> constructAsync(String className, Object... args) {
		return this.runtime.construct(this, className, args, false).thenApply(PyObject.class::cast);
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
