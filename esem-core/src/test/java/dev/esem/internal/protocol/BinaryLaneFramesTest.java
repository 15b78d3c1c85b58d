package dev.esem.internal.protocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import dev.esem.Kwargs;
import dev.esem.NDArray;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bulk values leave the JSON text: they follow the frame as binary segments, as they are. */
class BinaryLaneFramesTest {

	private final RequestEncoder requests = new RequestEncoder(new Json(1 << 20, 16), 16, 1 << 20);

	private static byte[] written(RequestFrame frame) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		frame.writeTo(out);
		return out.toByteArray();
	}

	@Test
	void bulkValuesFollowTheFrameAsSegmentsListedAfterItsId() throws IOException {
		byte[] bytes = { 1, 2, 3 };
		NDArray array = NDArray.of(new double[] { 1.5, -2 });
		String text = "é".repeat(ValueEncoder.STRING_LANE);
		RequestFrame frame = this.requests
			.call("m", "f", new Object[] { bytes, array, text, new int[] { 7 }, Kwargs.of("k", bytes) },
					ResultForm.VALUE, value -> null)
			.withId(5);
		byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
		String line = "{\"id\":5,\"$b\":[3,16," + utf8.length + ",4,3],\"op\":\"call\",\"mod\":\"m\",\"fn\":\"f\",\"args\":["
				+ "{\"$t\":\"bytes\",\"v\":0},{\"$t\":\"nd\",\"v\":1,\"dtype\":\"float64\",\"shape\":[2]},"
				+ "{\"$t\":\"str\",\"v\":2},{\"$t\":\"nums\",\"v\":3,\"dtype\":\"int32\"}],"
				+ "\"kw\":{\"k\":{\"$t\":\"bytes\",\"v\":4}}}\n";
		byte[] doubles = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putDouble(1.5).putDouble(-2).array();
		ByteArrayOutputStream expected = new ByteArrayOutputStream();
		for (byte[] part : List.of(line.getBytes(StandardCharsets.US_ASCII), bytes, doubles, utf8,
				new byte[] { 7, 0, 0, 0 }, bytes)) {
			expected.write(part);
		}
		assertThat(written(frame)).isEqualTo(expected.toByteArray());
		assertThat(frame.size()).isEqualTo(expected.size());
		assertThat(frame.segments().get(0)).isSameAs(bytes); // written as it is, not copied
	}

	@Test
	void framesWithoutBulkValuesAreUnchanged() throws IOException {
		RequestFrame frame = this.requests
			.call("m", "f", new Object[] { "short", List.of(1.5) }, ResultForm.VALUE, v -> null)
			.withId(8);
		assertThat(new String(written(frame), StandardCharsets.US_ASCII))
			.isEqualTo("{\"id\":8,\"op\":\"call\",\"mod\":\"m\",\"fn\":\"f\",\"args\":[\"short\",[1.5]]}\n");
		assertThat(frame.segments()).isEmpty();
	}

	@Test
	void aStringWithALoneSurrogateStaysJsonText() {
		String text = "\udc80".repeat(ValueEncoder.STRING_LANE);
		RequestFrame frame = this.requests.call("m", "f", new Object[] { text }, ResultForm.VALUE, v -> null);
		assertThat(frame.segments()).isEmpty();
		String body = new String(Arrays.copyOfRange(frame.bytes(), RequestFrame.ID_ROOM, frame.end()),
				StandardCharsets.US_ASCII);
		assertThat(body.startsWith("{\"op\":\"call\",\"mod\":\"m\",\"fn\":\"f\",\"args\":[\"\\uDC80\\uDC80")).isTrue();
	}

	@Test
	void theFrameLimitCountsTheSegments() {
		RequestEncoder small = new RequestEncoder(new Json(1000, 16), 16, 1000);
		assertThat(small.call("m", "f", new Object[] { new byte[800] }, ResultForm.VALUE, v -> null).segments()).hasSize(1);
		assertThatThrownBy(() -> small.call("m", "f", new Object[] { new byte[1000] }, ResultForm.VALUE, v -> null))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("over the max frame size");
	}

}
