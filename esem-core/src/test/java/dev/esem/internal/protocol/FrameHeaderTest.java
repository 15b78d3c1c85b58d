package dev.esem.internal.protocol;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonParser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The header read from bytes, read by Jackson and written agree, and say what docs/protocol.md says. */
class FrameHeaderTest {

	private final Json json = new Json(1 << 20, 16);

	@Test
	void aHeaderWrittenInPlaceReadsBackTheSameBothWays() {
		byte[] body = "{\"op\":\"ping\"}".getBytes(StandardCharsets.US_ASCII);
		byte[] bytes = new byte[FrameHeader.ROOM + body.length];
		System.arraycopy(body, 0, bytes, FrameHeader.ROOM, body.length);
		int start = FrameHeader.writeBefore(bytes, FrameHeader.ROOM, 77, 1500, 1767000000000L);
		String frame = new String(bytes, start, FrameHeader.ROOM + body.length - start, StandardCharsets.US_ASCII);
		assertThat(frame).isEqualTo("{\"id\":77,\"to\":1500,\"dl\":1767000000000,\"op\":\"ping\"}");
		assertThat(FrameHeader.id(bytes, start, frame.length())).isEqualTo(77);
		assertThat(FrameHeader.segmentLengths(bytes, start, start + frame.length())).isNull();
		FrameHeader.Head head = read(frame);
		assertThat(head.kind()).isEqualTo(FrameHeader.Kind.REPLY);
		assertThat(head.number()).isEqualTo(77);
		assertThat(head.next()).isEqualTo(Wire.TIMEOUT);
	}

	@Test
	void withoutATimeoutTheHeaderIsTheIdAlone() {
		byte[] body = "{\"op\":\"ping\"}".getBytes(StandardCharsets.US_ASCII);
		byte[] bytes = new byte[FrameHeader.ROOM + body.length];
		System.arraycopy(body, 0, bytes, FrameHeader.ROOM, body.length);
		int start = FrameHeader.writeBefore(bytes, FrameHeader.ROOM, 0, 0, 0);
		assertThat(new String(bytes, start, bytes.length - start, StandardCharsets.US_ASCII))
			.isEqualTo("{\"id\":0,\"op\":\"ping\"}");
	}

	@Test
	void theSegmentTableIsReadWhereTheHeadPutsIt() {
		List<byte[]> segments = List.of(new byte[8], new byte[300000], new byte[0]);
		byte[] head = FrameHeader.head(9, segments, new boolean[] { false, true, false }, "00-ab-cd-01", 2000, 5);
		String frame = new String(head, StandardCharsets.US_ASCII) + "\"op\":\"call\"}";
		assertThat(frame).isEqualTo(
				"{\"id\":9,\"$b\":[8,-300000,0],\"tp\":\"00-ab-cd-01\",\"to\":2000,\"dl\":5,\"op\":\"call\"}");
		byte[] bytes = frame.getBytes(StandardCharsets.US_ASCII);
		assertThat(FrameHeader.segmentLengths(bytes, 0, bytes.length)).containsExactly(8, -300000, 0);
		assertThat(FrameHeader.id(bytes, 0, bytes.length)).isEqualTo(9);
		FrameHeader.Head parsed = read(frame);
		assertThat(parsed.number()).isEqualTo(9);
		assertThat(parsed.next()).isEqualTo(Wire.TRACEPARENT);
	}

	@Test
	void theTableCountsAsTheBodyLengthSaysItDoes() {
		List<byte[]> segments = List.of(new byte[12], new byte[3]);
		String table = "\"$b\":[12,3],";
		assertThat(FrameHeader.segmentsLength(segments)).isEqualTo(table.length() + 12 + 3);
		assertThat(FrameHeader.segmentsLength(List.of())).isZero();
	}

	@Test
	void aCallbackRequestHasItsNumberWhereTheIdWouldBeButNoId() {
		byte[] bytes = "{\"cb\":3,\"$b\":[5],\"fn\":\"fn_1\",\"args\":[]}".getBytes(StandardCharsets.US_ASCII);
		assertThat(FrameHeader.segmentLengths(bytes, 0, bytes.length)).containsExactly(5);
		assertThat(FrameHeader.id(bytes, 0, bytes.length)).isEqualTo(-1);
		FrameHeader.Head head = read(new String(bytes, StandardCharsets.US_ASCII));
		assertThat(head.kind()).isEqualTo(FrameHeader.Kind.CALLBACK);
		assertThat(head.number()).isEqualTo(3);
		assertThat(head.next()).isEqualTo(Wire.FUNCTION);
	}

	@Test
	void anEventIsNamedAndHasNoNumber() {
		FrameHeader.Head head = read("{\"ev\":\"hello\",\"pid\":4712}");
		assertThat(head.kind()).isEqualTo(FrameHeader.Kind.EVENT);
		assertThat(head.event()).isEqualTo(Wire.EVENT_HELLO);
		assertThat(head.number()).isEqualTo(-1);
		assertThat(head.next()).isEqualTo(Wire.HELLO_PID);
		assertThat(read("{\"ev\":\"fndrop\"}").next()).isNull();
	}

	@Test
	void aBadTableIsAnErrorNotAGuess() {
		byte[] bytes = "{\"id\":1,\"$b\":[5x],\"ok\":1}".getBytes(StandardCharsets.US_ASCII);
		assertThatIllegalStateException().isThrownBy(() -> FrameHeader.segmentLengths(bytes, 0, bytes.length))
			.withMessageContaining("bad table of binary segments");
	}

	private FrameHeader.Head read(String frame) {
		try (JsonParser in = this.json.mapper().createParser(frame)) {
			return FrameHeader.read(in);
		}
	}

}
