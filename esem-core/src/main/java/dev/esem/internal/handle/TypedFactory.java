package dev.esem.internal.handle;

import java.util.concurrent.CompletableFuture;

import dev.esem.PyModule;
import dev.esem.PythonFactory;

/** A Python class constructor whose instances are viewed through a Java interface. */
final class TypedFactory<T> implements PythonFactory<T> {

	private final PyModule module;

	private final String className;

	private final Class<T> type;

	TypedFactory(PyModule module, String className, Class<T> type) {
		if (!type.isInterface()) {
			throw new IllegalArgumentException(type.getName() + " is not an interface");
		}
		this.module = module;
		this.className = className;
		this.type = type;
	}

	@Override
	public T create(Object... args) {
		return this.module.construct(this.className, args).as(this.type);
	}

	@Override
	public T createPipelined(Object... args) {
		return this.module.constructPipelined(this.className, args).as(this.type);
	}

	@Override
	public CompletableFuture<T> createAsync(Object... args) {
		return this.module.constructAsync(this.className, args).thenApply(object -> object.as(this.type));
	}

	@Override
	public T replicated(Object... args) {
		return this.module.constructReplicated(this.className, args).as(this.type);
	}

	@Override
	public String toString() {
		return "PythonFactory[" + this.module.name() + "." + this.className + " as " + this.type.getSimpleName() + "]";
	}

}
