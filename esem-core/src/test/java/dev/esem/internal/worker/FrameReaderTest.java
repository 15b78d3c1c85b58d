package dev.esem.internal.worker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrameReaderTest {

	/** Hands out {@code data} at most {@code chunk} bytes per read, as a pipe may. */
	private static InputStream trickle(byte[] data, int chunk) {
		return new InputStream() {

			private int at;

			@Override
			public int read() {
				return (this.at < data.length) ? data[this.at++] & 0xFF : -1;
			}

			@Override
			public int read(byte[] into, int offset, int length) {
				if (this.at == data.length) {
					return -1;
				}
				int count = Math.min(Math.min(length, chunk), data.length - this.at);
				System.arraycopy(data, this.at, into, offset, count);
				this.at += count;
				return count;
			}

		};
	}

	private static byte[] bytes(Object... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (Object part : parts) {
			byte[] data = (part instanceof String text) ? text.getBytes(StandardCharsets.UTF_8) : (byte[]) part;
			out.write(data, 0, data.length);
		}
		return out.toByteArray();
	}

	private record Read(String text, List<byte[]> segments, long oversizeId) {
	}

	/** Every frame of the stream, as the reply reader would take them. */
	private static List<Read> readAll(FrameReader frames) throws IOException {
		List<Read> reads = new ArrayList<>();
		do {
			FrameReader.Frame frame;
			while ((frame = frames.poll()) != null) {
				reads.add(frame.isOversize() ? new Read(null, null, frame.oversizeId())
						: new Read(new String(frame.bytes(), frame.offset(), frame.length(), StandardCharsets.UTF_8),
								(frame.segments() != null) ? List.of(frame.segments()) : null, -1));
			}
		}
		while (frames.fill());
		return reads;
	}

	@Test
	void segmentsFollowTheirFrameWhateverTheReadSizes() throws IOException {
		byte[] big = new byte[300_000];
		for (int i = 0; i < big.length; i++) {
			big[i] = (byte) i;
		}
		byte[] stream = bytes("{\"id\":1,\"$b\":[3,300000,0],\"ok\":{}}\n", "abc", big, "{\"id\":2,\"ok\":5}\n",
				"{\"ev\":\"log\"}\n");
		for (int chunk : new int[] { 1, 7, 4096, 1 << 20 }) {
			List<Read> reads = readAll(new FrameReader(trickle(stream, chunk), 1 << 20));
			assertThat(reads).hasSize(3);
			assertThat(reads.get(0).text()).isEqualTo("{\"id\":1,\"$b\":[3,300000,0],\"ok\":{}}");
			assertThat(reads.get(0).segments()).hasSize(3);
			assertThat(reads.get(0).segments().get(0)).isEqualTo("abc".getBytes(StandardCharsets.US_ASCII));
			assertThat(reads.get(0).segments().get(1)).isEqualTo(big);
			assertThat(reads.get(0).segments().get(2)).isEmpty();
			assertThat(reads.get(1)).isEqualTo(new Read("{\"id\":2,\"ok\":5}", null, -1));
			assertThat(reads.get(2).text()).isEqualTo("{\"ev\":\"log\"}");
		}
	}

	@Test
	void aFrameWhoseSegmentsPassTheLimitIsSkippedWithThem() throws IOException {
		byte[] stream = bytes("{\"id\":9,\"$b\":[2000],\"ok\":{}}\n", new byte[2000], "{\"id\":10,\"ok\":1}\n");
		for (int chunk : new int[] { 3, 1 << 16 }) {
			List<Read> reads = readAll(new FrameReader(trickle(stream, chunk), 1000));
			assertThat(reads).containsExactly(new Read(null, null, 9), new Read("{\"id\":10,\"ok\":1}", null, -1));
		}
	}

	@Test
	void outputEndingInsideSegmentsIsAnError() {
		byte[] stream = bytes("{\"id\":3,\"$b\":[10],\"ok\":{}}\n", "12345");
		assertThatThrownBy(() -> readAll(new FrameReader(trickle(stream, 4), 1000))).isInstanceOf(IOException.class)
			.hasMessageContaining("binary segments");
	}

	@Test
	void aMemberNamedLikeTheTableElsewhereIsNotOne() throws IOException {
		byte[] stream = bytes("{\"id\":4,\"ok\":{\"$b\":[3]}}\n", "{\"ev\":\"x\",\"$b\":[3]}\n");
		List<Read> reads = readAll(new FrameReader(trickle(stream, 5), 1000));
		assertThat(reads).extracting(Read::segments).containsExactly(null, null);
	}

}
