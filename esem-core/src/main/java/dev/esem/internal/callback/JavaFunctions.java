package dev.esem.internal.callback;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.esem.internal.worker.Worker;

/**
 * The Java functions that Python holds, by id. Each crossing of a function gets a new id,
 * so Python's drop of one never races with a new crossing; an id goes when Python drops
 * its callable or when the worker holding it ends. Also keeps the last Java exceptions
 * thrown to Python, so that one escaping Python can become the cause of the Java
 * caller's {@code PythonException}.
 */
public final class JavaFunctions {

	/** How many Java exceptions thrown to Python are remembered. */
	private static final int REMEMBERED_EXCEPTIONS = 256;

	private record Held(JavaFunction function, Worker worker) {
	}

	private final Map<String, Held> held = new ConcurrentHashMap<>();

	private final AtomicLong ids = new AtomicLong();

	private final Map<String, Throwable> thrown = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, false) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Throwable> eldest) {
			return size() > REMEMBERED_EXCEPTIONS;
		}

	});

	/**
	 * Registers {@code value} when it is a Java function that crosses to Python; returns
	 * its id, or {@code null} when it is no such function.
	 */
	public String registerIfFunction(Object value) {
		JavaFunction function = JavaFunction.of(value);
		return (function != null) ? register(function) : null;
	}

	/** The Java function held under {@code id}, or {@code null} when it is no longer held. */
	public Object target(String id) {
		JavaFunction function = get(id);
		return (function != null) ? function.target() : null;
	}

	/** Registers a function about to cross; its worker is set once the call is routed ({@link #sentTo}). */
	String register(JavaFunction function) {
		String id = "fn_" + this.ids.incrementAndGet();
		this.held.put(id, new Held(function, null));
		return id;
	}

	/** The functions of a call went to {@code worker}; dropped at once if it has ended. */
	public void sentTo(Collection<String> ids, Worker worker) {
		for (String id : ids) {
			if (this.held.computeIfPresent(id, (key, entry) -> new Held(entry.function(), worker)) != null) {
				worker.heldFunctions().incrementAndGet();
			}
		}
		if (!worker.isAlive()) {
			workerEnded(worker);
		}
	}

	JavaFunction get(String id) {
		Held entry = this.held.get(id);
		return (entry != null) ? entry.function() : null;
	}

	/** Python dropped these callables. */
	public void drop(Collection<?> ids) {
		for (Object id : ids) {
			Held entry = this.held.remove(String.valueOf(id));
			if (entry != null && entry.worker() != null) {
				entry.worker().heldFunctions().decrementAndGet();
			}
		}
	}

	/** The worker has ended: its callables are gone. */
	public void workerEnded(Worker worker) {
		this.held.values().removeIf(entry -> entry.worker() == worker);
		worker.heldFunctions().set(0);
	}

	/** Keeps a Java exception thrown to Python; returns its ref. */
	public String remember(Throwable exception) {
		String ref = "jx_" + this.ids.incrementAndGet();
		this.thrown.put(ref, exception);
		return ref;
	}

	/** A Java exception thrown to Python, or {@code null} when it is no longer remembered. */
	public Throwable recall(String ref) {
		return this.thrown.remove(ref);
	}

}
