package dev.esem.internal.worker;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request writer writes a frame on the caller's thread when the bytes the pipe will
 * carry fit what the worker surely reads: segments that take the shared file do not count.
 */
class PipedBytesTest {

	@Test
	void largeSegmentsDoNotCountWhenTheyTakeTheSharedFile() {
		byte[] large = new byte[SharedSegments.THRESHOLD];
		byte[] small = new byte[SharedSegments.THRESHOLD - 1];
		long size = 100 + large.length + small.length;
		assertThat(RequestWriter.pipedBytes(size, List.of(large, small), true)).isEqualTo(100L + small.length);
	}

	@Test
	void everySegmentCountsWithoutASharedFile() {
		byte[] large = new byte[SharedSegments.THRESHOLD];
		assertThat(RequestWriter.pipedBytes(100 + large.length, List.of(large), false)).isEqualTo(100L + large.length);
	}

}
