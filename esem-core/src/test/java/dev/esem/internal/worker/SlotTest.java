package dev.esem.internal.worker;

import java.time.Duration;

import dev.esem.PythonWorkerException;
import dev.esem.monitor.WorkerState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The moves of one slot that need no process: launches that fail, giving up, and close. */
class SlotTest {

	@Test
	void launchFailuresBackOffDoublingAndThenTheSlotGivesUpWithTheReason() {
		Slot slot = new Slot(3, 2, Duration.ofMillis(100));
		assertThat(slot.launching(true)).isEqualTo(1);
		assertThat(slot.state()).isEqualTo(WorkerState.STARTING);
		assertThat(slot.launchFailed("no interpreter", true).restartIn()).isEqualTo(Duration.ofMillis(100));
		assertThat(slot.state()).isEqualTo(WorkerState.RESTARTING);
		assertThat(slot.launching(true)).isEqualTo(2);
		assertThat(slot.launchFailed("no interpreter", true).restartIn()).isEqualTo(Duration.ofMillis(200));
		assertThat(slot.launching(true)).isEqualTo(3);
		Slot.AfterEnd last = slot.launchFailed("no interpreter", true);
		assertThat(last.givenUp()).isTrue();
		assertThat(last.restartIn()).isNull();
		assertThat(slot.state()).isEqualTo(WorkerState.FAILED);
		assertThat(slot.restarts()).isEqualTo(2);
		assertThat(slot.lastFailure()).isEqualTo("no interpreter");
		assertThat(slot.next()).failsWithin(Duration.ZERO)
			.withThrowableThat()
			.havingCause()
			.isInstanceOf(PythonWorkerException.class)
			.withMessageContaining("worker-3 is given up")
			.withMessageContaining("max-attempts=2")
			.withMessageContaining("no interpreter");
	}

	@Test
	void beforeThePoolIsInServiceAFailureIsOnlyRecorded() {
		Slot slot = new Slot(1, 5, Duration.ofSeconds(1));
		slot.launching(true);
		assertThat(slot.launchFailed("no interpreter", false)).isEqualTo(Slot.AfterEnd.NOTHING);
		assertThat(slot.state()).isEqualTo(WorkerState.STARTING);
		assertThat(slot.lastFailure()).isEqualTo("no interpreter");
	}

	@Test
	void aStoppedSlotStaysStoppedAndItsWaitersFail() {
		Slot slot = new Slot(1, 5, Duration.ofSeconds(1));
		assertThat(slot.stop()).isNull();
		assertThat(slot.state()).isEqualTo(WorkerState.STOPPED);
		assertThat(slot.next()).failsWithin(Duration.ZERO)
			.withThrowableThat()
			.havingCause()
			.withMessageContaining("closed");
		assertThat(slot.launching(true)).as("no launch after close").isNegative();
		assertThat(slot.launchFailed("late", true)).isEqualTo(Slot.AfterEnd.NOTHING);
		assertThat(slot.state()).isEqualTo(WorkerState.STOPPED);
	}

	@Test
	void aGivenUpSlotIsNeverLaunchedAgain() {
		Slot slot = new Slot(1, 0, Duration.ofSeconds(1));
		slot.launching(true);
		assertThat(slot.launchFailed("no interpreter", true).givenUp()).isTrue();
		assertThatThrownBy(() -> slot.launching(true)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("from FAILED to STARTING");
	}

}
