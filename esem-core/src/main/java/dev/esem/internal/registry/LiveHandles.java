package dev.esem.internal.registry;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The handle Java holds for each Python object, by ref id, held weakly. An object that
 * comes back from Python while Java holds its handle (a method that returns
 * {@code self}) gets that handle again, rather than a second handle that the caller
 * drops and the leak detector then reports. Entries of released handles are dropped
 * as they are released, those of collected ones as they are found, so this never keeps
 * a handle alive nor grows with dropped ones.
 *
 * @param <H> the handle type
 */
public final class LiveHandles<H> {

	private final ConcurrentHashMap<String, Entry<H>> byRefId = new ConcurrentHashMap<>();

	private final ReferenceQueue<H> collected = new ReferenceQueue<>();

	/**
	 * Returns the handle held for {@code refId} when {@code live} accepts it; otherwise
	 * holds {@code fresh} for {@code refId} from now on and returns it.
	 */
	public H putIfAbsent(String refId, H fresh, Predicate<? super H> live) {
		dropCollected();
		while (true) {
			Entry<H> held = this.byRefId.get(refId);
			H handle = (held != null) ? held.get() : null;
			if (handle != null && live.test(handle)) {
				return handle;
			}
			Entry<H> entry = new Entry<>(refId, fresh, this.collected);
			boolean put = (held != null) ? this.byRefId.replace(refId, held, entry)
					: this.byRefId.putIfAbsent(refId, entry) == null;
			if (put) {
				return fresh;
			}
		}
	}

	/**
	 * Drops the entry of {@code refId} when its handle has been collected or {@code dead}
	 * accepts it (released): a released handle's entry goes at once, rather than when the
	 * collector finds the handle, so the map holds only what is live.
	 */
	public void forget(String refId, Predicate<? super H> dead) {
		Entry<H> held = this.byRefId.get(refId);
		if (held == null) {
			return;
		}
		H handle = held.get();
		if ((handle == null || dead.test(handle)) && this.byRefId.remove(refId, held)) {
			held.clear(); // nothing left for the collector to enqueue
		}
	}

	/** The number of entries, collected handles not yet dropped included. */
	int size() {
		return this.byRefId.size();
	}

	private void dropCollected() {
		Reference<? extends H> reference;
		while ((reference = this.collected.poll()) != null) {
			Entry<?> entry = (Entry<?>) reference;
			this.byRefId.remove(entry.refId, entry);
		}
	}

	private static final class Entry<H> extends WeakReference<H> {

		private final String refId;

		Entry(String refId, H handle, ReferenceQueue<H> queue) {
			super(handle, queue);
			this.refId = refId;
		}

	}

}
