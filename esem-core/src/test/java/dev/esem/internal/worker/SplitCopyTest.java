package dev.esem.internal.worker;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.esem.internal.executor.CompletionThreads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SplitCopyTest {

	private final ExecutorService threads = Executors.newCachedThreadPool();

	private final List<Runnable> neverRun = new ArrayList<>();

	/** A helper that runs what it is handed on another thread. */
	private final CompletionThreads helping = helpers(true, this.threads::execute);

	@AfterEach
	void stop() {
		this.threads.shutdownNow();
	}

	@Test
	void copiesEveryByteInAndOutWhateverTheSizeAndWhoeverHelps() {
		CompletionThreads busy = helpers(false, task -> {
			throw new AssertionError("not idle: nothing is handed over");
		});
		CompletionThreads late = helpers(true, this.neverRun::add); // takes the task and never runs it
		int[] sizes = { 0, 1, SplitCopy.MIN_BYTES - 1, SplitCopy.MIN_BYTES, SplitCopy.MIN_BYTES + 1,
				5 * SplitCopy.CHUNK + 17, 8_000_000 };
		for (CompletionThreads helpers : List.of(this.helping, busy, late)) {
			SplitCopy copies = new SplitCopy(helpers);
			for (int size : sizes) {
				byte[] data = new byte[size];
				new Random(size).nextBytes(data);
				ByteBuffer buffer = ByteBuffer.allocateDirect(size + 64);
				copies.into(buffer, 64, data);
				byte[] back = new byte[size];
				copies.outOf(buffer, 64, back);
				assertThat(back).as("%d bytes", size).isEqualTo(data);
				ByteBuffer expected = ByteBuffer.wrap(data);
				assertThat(buffer.slice(64, size)).isEqualTo(expected);
			}
		}
		assertThat(this.neverRun).as("the late helper was handed the large copies").isNotEmpty();
		this.neverRun.forEach(Runnable::run); // starting after the copy ended, it finds nothing left
	}

	@Test
	void aChunkThatFailsOnEitherThreadFailsTheCopyOnTheCaller() {
		SplitCopy copies = new SplitCopy(this.helping);
		ByteBuffer tooSmall = ByteBuffer.allocateDirect(SplitCopy.MIN_BYTES);
		assertThatExceptionOfType(IndexOutOfBoundsException.class)
			.isThrownBy(() -> copies.into(tooSmall, 0, new byte[SplitCopy.MIN_BYTES + SplitCopy.CHUNK]));
	}

	private static CompletionThreads helpers(boolean idle, Executor executor) {
		return new CompletionThreads() {

			@Override
			public void execute(Runnable task) {
				executor.execute(task);
			}

			@Override
			public boolean executeIfIdle(Runnable task) {
				if (idle) {
					executor.execute(task);
				}
				return idle;
			}

		};
	}

}
