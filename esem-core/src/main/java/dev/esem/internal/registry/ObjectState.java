package dev.esem.internal.registry;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the bridge knows of one Python object handle, apart from the handle itself, so
 * the leak cleaner can release the object without keeping the handle reachable.
 */
public final class ObjectState {

	private final String refId;

	private final String pythonClass;

	private final String module;

	private final long createdNanos = System.nanoTime();

	private final Throwable creationSite;

	private final Runnable releaseInPython;

	private final AtomicBoolean released = new AtomicBoolean();

	/**
	 * @param releaseInPython sends the release to the worker; must not capture the handle
	 */
	public ObjectState(String refId, String pythonClass, String module, Throwable creationSite,
			Runnable releaseInPython) {
		this.refId = refId;
		this.pythonClass = pythonClass;
		this.module = module;
		this.creationSite = creationSite;
		this.releaseInPython = releaseInPython;
	}

	public String refId() {
		return this.refId;
	}

	public String pythonClass() {
		return this.pythonClass;
	}

	public String module() {
		return this.module;
	}

	/** When the handle was made (worked out from its age: reading the wall clock per handle costs more). */
	public Instant createdAt() {
		return Instant.now().minusNanos(ageNanos());
	}

	long ageNanos() {
		return System.nanoTime() - this.createdNanos;
	}

	Throwable creationSite() {
		return this.creationSite;
	}

	public boolean isReleased() {
		return this.released.get();
	}

	/** Releases the object in Python once; returns whether this call did it. */
	public boolean release() {
		if (!this.released.compareAndSet(false, true)) {
			return false;
		}
		this.releaseInPython.run();
		return true;
	}

}
