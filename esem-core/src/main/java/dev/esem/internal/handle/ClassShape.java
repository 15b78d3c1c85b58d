package dev.esem.internal.handle;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.esem.internal.worker.CallTarget;

/**
 * What the instances of one Python class share: their public methods and the call
 * targets of their members, made once per class rather than once per instance or call.
 */
final class ClassShape {

	private final String module;

	private final String pythonClass;

	private final List<String> methodList;

	private final Set<String> methods;

	private final Map<String, CallTarget> targets = new ConcurrentHashMap<>();

	ClassShape(String module, String pythonClass, List<String> methods) {
		this.module = module;
		this.pythonClass = pythonClass;
		this.methodList = List.copyOf(methods);
		this.methods = Set.copyOf(methods);
	}

	/** Whether an instance reported with these methods has this shape (a reloaded class may differ). */
	boolean fits(List<String> methods) {
		return this.methodList.equals(methods);
	}

	Set<String> methods() {
		return this.methods;
	}

	String module() {
		return this.module;
	}

	String pythonClass() {
		return this.pythonClass;
	}

	List<String> methodList() {
		return this.methodList;
	}

	/** What a call of {@code member} addresses; a name that is no public method counts as {@link CallTarget#OTHER}. */
	CallTarget target(String member) {
		String known = (this.methods.contains(member) || "__iter__".equals(member)) ? member : CallTarget.OTHER;
		return this.targets.computeIfAbsent(known, name -> new CallTarget(this.module, this.pythonClass + "." + name));
	}

}
