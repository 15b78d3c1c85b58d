package dev.esem.internal.registry;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LeakLogTest {

	private static final Duration MINUTE = Duration.ofMinutes(1);

	private static final Instant START = Instant.parse("2025-01-01T10:00:00Z");

	private final LeakLog<String> log = new LeakLog<>(MINUTE);

	@Test
	void theFirstLeakOfEachKindIsLoggedInFull() {
		assertThat(this.log.leaked("Cart", START).inFull()).isTrue();
		assertThat(this.log.leaked("Model", START).inFull()).isTrue();
		assertThat(this.log.leaked("Cart", START).inFull()).isFalse();
		assertThat(this.log.leaked("Model", START.plusSeconds(3600)).inFull()).isFalse();
	}

	@Test
	void laterLeaksAreCountedAndSummarisedOnceTheIntervalSinceTheLastLineHasPassed() {
		this.log.leaked("Cart", START);
		LeakLog.Noted second = this.log.leaked("Cart", START.plusSeconds(1));
		assertThat(second.flushAt()).isEqualTo(START.plus(MINUTE));
		for (int i = 2; i < 1_235; i++) {
			assertThat(this.log.leaked("Cart", START.plusSeconds(2)).flushAt()).isNull(); // asked for once
		}
		assertThat(this.log.flush(START.plusSeconds(59)).summaries()).isEmpty();
		LeakLog.Flush<String> flush = this.log.flush(START.plus(MINUTE));
		assertThat(flush.summaries()).containsExactly(new LeakLog.Summary<>("Cart", 1_234, START));
		assertThat(flush.flushAt()).isNull();
	}

	@Test
	void summariesOfOneKindComeAtMostOncePerInterval() {
		this.log.leaked("Cart", START);
		this.log.leaked("Cart", START.plusSeconds(70));
		Instant firstSummary = START.plusSeconds(70);
		assertThat(this.log.flush(firstSummary).summaries()).containsExactly(new LeakLog.Summary<>("Cart", 1, START));
		LeakLog.Noted next = this.log.leaked("Cart", firstSummary.plusSeconds(1));
		assertThat(next.flushAt()).isEqualTo(firstSummary.plus(MINUTE));
		assertThat(this.log.flush(firstSummary.plus(MINUTE)).summaries())
			.containsExactly(new LeakLog.Summary<>("Cart", 1, firstSummary));
	}

	@Test
	void aFlushAsksForAnotherWhenOtherKindsWaitForTheirInterval() {
		this.log.leaked("Cart", START);
		this.log.leaked("Model", START.plusSeconds(30));
		this.log.leaked("Cart", START.plusSeconds(31));
		this.log.leaked("Model", START.plusSeconds(31));
		LeakLog.Flush<String> atMinute = this.log.flush(START.plus(MINUTE));
		assertThat(atMinute.summaries()).containsExactly(new LeakLog.Summary<>("Cart", 1, START));
		assertThat(atMinute.flushAt()).isEqualTo(START.plusSeconds(90));
		LeakLog.Flush<String> later = this.log.flush(START.plusSeconds(90));
		assertThat(later.summaries()).containsExactly(new LeakLog.Summary<>("Model", 1, START.plusSeconds(30)));
		assertThat(later.flushAt()).isNull();
	}

	@Test
	void aKindWhoseIntervalHasPassedIsFlushedAtOnce() {
		this.log.leaked("Cart", START);
		assertThat(this.log.leaked("Cart", START.plusSeconds(3600)).flushAt()).isEqualTo(START.plusSeconds(3600));
	}

}
