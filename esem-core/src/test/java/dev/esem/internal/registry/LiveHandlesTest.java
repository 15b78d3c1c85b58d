package dev.esem.internal.registry;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class LiveHandlesTest {

	private final LiveHandles<Handle> handles = new LiveHandles<>();

	@Test
	void aRefIdThatComesBackGetsTheHandleHeldForIt() {
		Handle first = new Handle();
		assertThat(this.handles.putIfAbsent("py_obj_1_a", first, Handle::isLive)).isSameAs(first);
		assertThat(this.handles.putIfAbsent("py_obj_1_a", new Handle(), Handle::isLive)).isSameAs(first);
		Handle other = new Handle();
		assertThat(this.handles.putIfAbsent("py_obj_2_a", other, Handle::isLive)).isSameAs(other);
	}

	@Test
	void aHandleThatIsNoLongerLiveIsReplaced() {
		Handle first = new Handle();
		this.handles.putIfAbsent("py_obj_1_a", first, Handle::isLive);
		first.released.set(true);
		Handle second = new Handle();
		assertThat(this.handles.putIfAbsent("py_obj_1_a", second, Handle::isLive)).isSameAs(second);
		assertThat(this.handles.putIfAbsent("py_obj_1_a", new Handle(), Handle::isLive)).isSameAs(second);
	}

	@Test
	void aReleasedHandleIsForgottenAtOnceAndALiveOneIsNot() {
		Handle released = new Handle();
		Handle live = new Handle();
		this.handles.putIfAbsent("py_obj_1_a", released, Handle::isLive);
		this.handles.putIfAbsent("py_obj_2_a", live, Handle::isLive);
		released.released.set(true);
		this.handles.forget("py_obj_1_a", handle -> !handle.isLive());
		this.handles.forget("py_obj_2_a", handle -> !handle.isLive());
		this.handles.forget("py_obj_3_a", handle -> !handle.isLive()); // never held: nothing to do
		assertThat(this.handles.size()).isEqualTo(1);
		assertThat(this.handles.putIfAbsent("py_obj_2_a", new Handle(), Handle::isLive)).isSameAs(live);
	}

	@Test
	void collectedHandlesAreNotKeptAliveAndTheirEntriesAreDropped() {
		for (int i = 0; i < 1_000; i++) {
			this.handles.putIfAbsent("py_obj_" + i + "_a", new Handle(), Handle::isLive);
		}
		Handle kept = new Handle();
		await().atMost(Duration.ofSeconds(20)).until(() -> {
			System.gc();
			this.handles.putIfAbsent("py_obj_kept_a", kept, Handle::isLive);
			return this.handles.size() == 1;
		});
		assertThat(this.handles.putIfAbsent("py_obj_kept_a", new Handle(), Handle::isLive)).isSameAs(kept);
	}

	private static final class Handle {

		final AtomicBoolean released = new AtomicBoolean();

		boolean isLive() {
			return !this.released.get();
		}

	}

}
