package dev.esem.internal;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DurationsTest {

	@Test
	void messagesShowWholeSecondsInSecondsAndTheRestInMilliseconds() {
		assertThat(Durations.format(Duration.ofSeconds(2))).isEqualTo("2s");
		assertThat(Durations.format(Duration.ofMinutes(1))).isEqualTo("60s");
		assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
		assertThat(Durations.format(Duration.ofMillis(40))).isEqualTo("40ms");
		assertThat(Durations.format(Duration.ZERO)).isEqualTo("0ms");
		assertThat(Durations.format(Duration.ofNanos(2_400_000))).isEqualTo("2ms");
	}

	@Test
	void whatIsShownReadsBackAsTheSameDuration() {
		for (Duration duration : new Duration[] { Duration.ofSeconds(30), Duration.ofMillis(1500), Duration.ZERO }) {
			assertThat(Durations.parse(Durations.format(duration))).isEqualTo(duration);
		}
	}

}
