package dev.esem.internal.protocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.esem.Kwargs;
import dev.esem.NDArray;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The requests and replies written and read by hand agree with Jackson. */
class HandWrittenFramesTest {

	private static final ValueDecoder.RefReader NO_REFS = (refId, cls, module, methods) -> {
		throw new AssertionError("no ref expected");
	};

	private static final ValueEncoder.RefWriter NO_FUNCTIONS = value -> null;

	private final Json json = new Json(1 << 20, 16);

	private final RequestEncoder requests = new RequestEncoder(this.json, 16, 1 << 20);

	@Test
	void scalarRequestsDecodeToTheirArguments() {
		Object[] args = { null, true, false, 0, -7, Long.MIN_VALUE, (short) 3, (byte) -2, "", "plain",
				"quote \" backslash \\ slash /", "control \u0000 \u001f \n \t", "é ☃ \u07ff \u0800 \uffff" };
		RequestFrame frame = this.requests.call("tools.py", "fn \"x\"", args, ResultForm.VALUE, value -> null);
		Map<?, ?> body = decode(frame);
		assertThat(body.get("op")).isEqualTo("call");
		assertThat(body.get("mod")).isEqualTo("tools.py");
		assertThat(body.get("fn")).isEqualTo("fn \"x\"");
		List<?> decoded = (List<?>) body.get("args");
		assertThat(decoded).hasSize(args.length);
		for (int i = 0; i < args.length; i++) {
			Object expected = (args[i] instanceof Short || args[i] instanceof Byte) ? ((Number) args[i]).intValue()
					: args[i];
			assertThat(decoded.get(i)).isEqualTo(expected);
		}
	}

	@Test
	void otherValuesGoThroughJackson() {
		ResultForm value = ResultForm.VALUE;
		assertThat(DirectRequests.write("call", "mod", "m", "fn", "f", new Object[] { 1.5 }, value, NO_FUNCTIONS)).isNull();
		assertThat(DirectRequests.write("call", "mod", "m", "fn", "f", new Object[] { List.of(1) }, value, NO_FUNCTIONS)).isNull();
		assertThat(DirectRequests.write("call", "mod", "m", "fn", "f", new Object[] { "pile \uD83D\uDCA9" }, value, NO_FUNCTIONS))
			.isNull();
		assertThat(DirectRequests.write("call", "mod", "m", "fn", null, new Object[0], value, NO_FUNCTIONS)).isNull();
		Map<?, ?> body = decode(
				this.requests.call("m", "f", new Object[] { 1.5, "pile \uD83D\uDCA9" }, ResultForm.VALUE, v -> null));
		assertThat(body.get("args")).isEqualTo(List.of(1.5, "pile \uD83D\uDCA9"));
	}

	@Test
	void arrayArgumentsAreWrittenByHandAsJacksonWritesThem() throws IOException {
		NDArray small = NDArray.of(new float[16], 1, 16);
		Object[][] calls = { { small }, { 3, small, "x", null }, { NDArray.of(new double[] { 1.5, -2 }), small },
				{ NDArray.of(new long[24], 2, 3, 4), true }, { NDArray.of(new boolean[] { true, false }) },
				{ NDArray.ofUnsigned(new byte[] { 1, (byte) 255 }) }, { NDArray.of(new int[0], 0, 4) },
				{ NDArray.of(new double[] { 7 }, new int[0]) } };
		for (Object[] args : calls) {
			RequestFrame hand = DirectRequests.write("call", "mod", "m", "fn", "f", args, ResultForm.VALUE, NO_FUNCTIONS);
			assertThat(hand).as(Arrays.toString(args)).isNotNull();
			// the same call with empty keyword arguments goes through Jackson, which adds "kw":{}
			Object[] withKwargs = Arrays.copyOf(args, args.length + 1);
			withKwargs[args.length] = Kwargs.from(Map.of());
			RequestFrame jackson = this.requests.call("m", "f", withKwargs, ResultForm.VALUE, v -> null);
			assertThat(written(hand.withId(7)).replace("]}\n", "],\"kw\":{}}\n")).as(Arrays.toString(args))
				.isEqualTo(written(jackson.withId(7)));
			assertThat(hand.segments()).containsExactlyElementsOf(jackson.segments());
			assertThat(hand.size()).isEqualTo(jackson.size() - ",\"kw\":{}".length());
		}
	}

	@Test
	void functionArgumentsAreWrittenByHandAsJacksonWritesThem() throws IOException {
		Function<Object, Object> increment = value -> value;
		Runnable tick = () -> {
		};
		Object[][] calls = { { increment, 1 }, { 3, tick, "x", null, increment }, { NDArray.of(new float[4]), tick } };
		for (Object[] args : calls) {
			RegisteringRefs handRefs = new RegisteringRefs();
			RequestFrame hand = DirectRequests.write("call", "mod", "m", "fn", "f", args, ResultForm.VALUE, handRefs);
			assertThat(hand).as(Arrays.toString(args)).isNotNull();
			Object[] withKwargs = Arrays.copyOf(args, args.length + 1);
			withKwargs[args.length] = Kwargs.from(Map.of());
			RegisteringRefs jacksonRefs = new RegisteringRefs();
			RequestFrame jackson = this.requests.call("m", "f", withKwargs, ResultForm.VALUE, jacksonRefs);
			assertThat(written(hand.withId(7)).replace("]}\n", "],\"kw\":{}}\n")).as(Arrays.toString(args))
				.isEqualTo(written(jackson.withId(7)));
			assertThat(handRefs.registered).isEqualTo(jacksonRefs.registered).isNotEmpty();
		}
	}

	@Test
	void aCallWithAFunctionThatIsNotWrittenByHandRegistersItOnlyOnce() {
		Function<Object, Object> increment = value -> value;
		for (Object[] args : new Object[][] { { increment, 1.5 }, { increment, "pile \uD83D\uDCA9" },
				{ increment, List.of(1) }, { 1.5, increment } }) {
			RegisteringRefs refs = new RegisteringRefs();
			assertThat(DirectRequests.write("call", "mod", "m", "fn", "f", args, ResultForm.VALUE, refs))
				.as(Arrays.toString(args)).isNull();
			assertThat(refs.registered).as(Arrays.toString(args)).isEmpty();
			this.requests.call("m", "f", args, ResultForm.VALUE, refs);
			assertThat(refs.registered).as(Arrays.toString(args)).hasSize(1);
		}
	}

	@Test
	void aFunctionOfATypeThatDoesNotCrossIsRefusedAsJacksonRefusesIt() {
		Comparator<String> order = String::compareTo;
		ValueEncoder.RefWriter refs = new RegisteringRefs();
		Throwable byHand = catchThrowable(
				() -> DirectRequests.write("call", "mod", "m", "fn", "f", new Object[] { order }, ResultForm.VALUE, refs));
		Throwable byJackson = catchThrowable(() -> this.requests.call("m", "f",
				new Object[] { order, Kwargs.from(Map.of()) }, ResultForm.VALUE, refs));
		assertThat(byHand).isInstanceOf(IllegalArgumentException.class).hasMessage(byJackson.getMessage());
	}

	@Test
	void scalarAnswersOfJavaFunctionsAreWrittenByHandAsJacksonWritesThem() throws IOException {
		for (Object value : Arrays.asList(null, true, false, 0, -7, Long.MAX_VALUE, (short) 3, "", "plain",
				"quote \" and \\ é ☃")) {
			RequestFrame hand = DirectRequests.callbackAnswer(12, value);
			assertThat(hand).as(String.valueOf(value)).isNotNull();
			RequestFrame jackson = this.requests.jacksonCallbackAnswer(12, value, NO_FUNCTIONS);
			String byHand = written(hand.withId(3));
			assertThat(byHand).as(String.valueOf(value)).isEqualTo(written(jackson.withId(3)));
			assertThat(written(this.requests.callbackAnswer(12, value, NO_FUNCTIONS).withId(3))).isEqualTo(byHand);
		}
		Function<Object, Object> increment = v -> v;
		for (Object value : Arrays.asList(1.5, List.of(1), "pile \uD83D\uDCA9", increment)) {
			assertThat(DirectRequests.callbackAnswer(12, value)).as(String.valueOf(value)).isNull();
		}
	}

	/** Registers each function offered, under an id of its own, as the bridge does. */
	private static final class RegisteringRefs implements ValueEncoder.RefWriter {

		private final List<String> registered = new ArrayList<>();

		@Override
		public String refIdOf(Object value) {
			return null;
		}

		@Override
		public String functionIdOf(Object value) {
			if (!(value instanceof Function<?, ?>) && !(value instanceof Runnable)) {
				return null;
			}
			String id = "fn_" + (this.registered.size() + 1);
			this.registered.add(id);
			return id;
		}

	}

	@Test
	void theFrameGetsItsIdInFront() {
		RequestFrame frame = this.requests.call("m", "f", new Object[] { 1 }, ResultForm.VALUE, v -> null).withId(1234567);
		assertThat(new String(frame.bytes(), frame.start(), frame.end() - frame.start(), StandardCharsets.UTF_8))
			.isEqualTo("{\"id\":1234567,\"op\":\"call\",\"mod\":\"m\",\"fn\":\"f\",\"args\":[1]}\n");
	}

	@Test
	void aCallForAHandleSaysSo() {
		RequestFrame direct = this.requests.invoke("py_obj_1_a", "f", new Object[] { 1 }, ResultForm.HANDLE, v -> null)
			.withId(3);
		assertThat(new String(direct.bytes(), direct.start(), direct.end() - direct.start(), StandardCharsets.UTF_8))
			.isEqualTo("{\"id\":3,\"op\":\"invoke\",\"ref\":\"py_obj_1_a\",\"fn\":\"f\",\"args\":[1],\"as\":\"ref\"}\n");
		assertThat(decode(this.requests.call("m", "f", new Object[] { 1.5 }, ResultForm.HANDLE, v -> null)).get("as"))
			.isEqualTo("ref");
		assertThat(decode(this.requests.call("m", "f", new Object[] { 1.5 }, ResultForm.STREAM, v -> null)).get("as"))
			.isEqualTo("stream");
		assertThat(decode(this.requests.call("m", "f", new Object[] { 1.5 }, ResultForm.VALUE, v -> null)).get("as"))
			.isNull();
	}

	@Test
	void releasesAreWrittenByHand() {
		RequestFrame frame = this.requests.release(List.of("py_obj_1_abc", "py_obj_2_abc")).withId(9);
		assertThat(new String(frame.bytes(), frame.start(), frame.end() - frame.start(), StandardCharsets.UTF_8))
			.isEqualTo("{\"id\":9,\"op\":\"release\",\"refs\":[\"py_obj_1_abc\",\"py_obj_2_abc\"],\"noreply\":true}\n");
	}

	@Test
	void scalarRepliesReadAsJacksonWould() {
		for (String value : List.of("0", "-7", "2147483647", "2147483648", "-999999999999999999", "1.5", "-0.0",
				"1e+100", "2.5E-5", "NaN", "Infinity", "-Infinity", "null", "true", "false", "\"\"",
				"\"plain text ~!\"")) {
			String frame = "{\"id\":42,\"ok\":" + value + "}";
			Object scalar = DirectReplies.okValue(bytes(frame), 0, frame.length(), NO_REFS);
			assertThat(scalar).as(value).isNotSameAs(DirectReplies.NOT_DIRECT);
			assertThat(scalar).as(value).isEqualTo(jackson(value));
			assertThat(FrameHeader.id(bytes(frame), 0, frame.length())).isEqualTo(42);
		}
		assertThat(DirectReplies.okValue(bytes("{\"id\":1,\"ok\":7}"), 0, 15, NO_REFS)).isInstanceOf(Integer.class);
		assertThat(DirectReplies.okValue(bytes("{\"id\":1,\"ok\":2147483648}"), 0, 24, NO_REFS))
			.isInstanceOf(Long.class);
	}

	@Test
	void refRepliesAreReadByHand() {
		String frame = "{\"id\":3,\"ok\":{\"$t\":\"ref\",\"v\":\"py_obj_1_ab\",\"cls\":\"Calculator\","
				+ "\"module\":\"tools\",\"methods\":[\"add\",\"total\"]}}";
		Object handle = DirectReplies.okValue(bytes(frame), 0, frame.length(),
				(refId, cls, module, methods) -> List.of(refId, cls, module, methods));
		assertThat(handle).isEqualTo(List.of("py_obj_1_ab", "Calculator", "tools", List.of("add", "total")));
		String noMethods = frame.replace("\"add\",\"total\"", "");
		assertThat(DirectReplies.okValue(bytes(noMethods), 0, noMethods.length(),
				(refId, cls, module, methods) -> methods)).isEqualTo(List.of());
		for (String odd : List.of(frame.replace("Calculator", "Calc\\u00e9"), frame.replace("]}}", "],\"x\":1}}"),
				frame.replace("\"add\",\"total\"", "\"add\"\"total\""), frame.replace("\"v\":", "\"w\":"))) {
			assertThat(DirectReplies.okValue(bytes(odd), 0, odd.length(), NO_REFS)).as(odd)
				.isSameAs(DirectReplies.NOT_DIRECT);
		}
	}

	@Test
	void arrayRepliesReadAsJacksonWould() {
		Object[][] replies = { { "float32", "[1,4]", new byte[16] }, { "float64", "[2]", new byte[16] },
				{ "int64", "[2,1,3]", new byte[48] }, { "bool", "[3]", new byte[] { 1, 0, 1 } },
				{ "uint8", "[0,4]", new byte[0] }, { "int32", "[2147483647,0]", new byte[0] } };
		for (Object[] reply : replies) {
			byte[] data = (byte[]) reply[2];
			String frame = "{\"id\":12,\"$b\":[" + data.length + "],\"ok\":{\"$t\":\"nd\",\"v\":0,\"dtype\":\""
					+ reply[0] + "\",\"shape\":" + reply[1] + "}}";
			// a large one comes through shared memory: its length negated
			for (String read : List.of(frame, frame.replace("\"$b\":[", "\"$b\":[-"))) {
				Object array = DirectReplies.okArray(bytes(read), 0, read.length(), new byte[][] { data });
				assertThat(array).as(read).isInstanceOf(NDArray.class).isEqualTo(jacksonOk(read, data));
				assertThat(NDArrays.data((NDArray) array)).isSameAs(data); // kept, not copied
			}
		}
	}

	@Test
	void arrayRepliesThatDoNotReadAsAnArrayAreLeftToJackson() {
		String frame = "{\"id\":12,\"$b\":[16],\"ok\":{\"$t\":\"nd\",\"v\":0,\"dtype\":\"float32\",\"shape\":[1,4]}}";
		byte[] data = new byte[16];
		for (String odd : List.of(frame.replace("[1,4]", "[1,5]"), frame.replace("float32", "float128"),
				frame.replace("float32", "flo\\u0061t32"), frame.replace("[16]", "[-]"), frame.replace("[16]", "[--16]"),
				frame.replace("[16]", "[16,0]"), frame.replace("\"v\":0", "\"v\":1"), frame.replace("[1,4]", "[1,,4]"),
				frame.replace("[1,4]", "[1,4"), frame.replace("[1,4]", "[2147483648,0]"),
				frame.replace("[1,4]", "[12345678901,0]"), frame.replace("]}}", "],\"x\":1}}"),
				frame.replace("\"ok\"", "\"err\""), frame.replace("\"nd\"", "\"bytes\""))) {
			assertThat(DirectReplies.okArray(bytes(odd), 0, odd.length(), new byte[][] { data })).as(odd)
				.isSameAs(DirectReplies.NOT_DIRECT);
		}
		assertThat(DirectReplies.okArray(bytes(frame), 0, frame.length(), new byte[][] { data, data }))
			.isSameAs(DirectReplies.NOT_DIRECT);
	}

	@Test
	void otherRepliesAreLeftToJackson() {
		for (String frame : List.of("{\"id\":1,\"ok\":12345678901234567890}", "{\"id\":1,\"ok\":\"esc \\\" \"}",
				"{\"id\":1,\"ok\":[1,2]}", "{\"id\":1,\"ok\":{\"a\":1}}", "{\"id\":1,\"err\":{\"type\":\"E\"}}",
				"{\"ev\":\"log\"}", "{\"id\":1,\"ok\":tru}", "{\"id\":,\"ok\":1}", "{\"id\":1,\"ok\":1.5.5}")) {
			assertThat(DirectReplies.okValue(bytes(frame), 0, frame.length(), NO_REFS)).as(frame)
				.isSameAs(DirectReplies.NOT_DIRECT);
		}
		assertThat(jackson("12345678901234567890")).isEqualTo(new BigInteger("12345678901234567890"));
	}

	@Test
	void aFrameInsideALargerBufferIsReadInPlace() {
		byte[] buffer = bytes("xx{\"id\":9,\"ok\":\"a\"}yy");
		assertThat(DirectReplies.okValue(buffer, 2, 17, NO_REFS)).isEqualTo("a");
		assertThat(FrameHeader.id(buffer, 2, 17)).isEqualTo(9);
	}

	/** The frame as written, its segments as ISO-8859-1 characters. */
	private static String written(RequestFrame frame) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		frame.writeTo(out);
		return out.toString(StandardCharsets.ISO_8859_1);
	}

	private Map<?, ?> decode(RequestFrame frame) {
		byte[] body = Arrays.copyOfRange(frame.bytes(), RequestFrame.ID_ROOM, frame.end() - 1);
		try (var in = this.json.mapper().createParser(body)) {
			in.nextToken();
			return (Map<?, ?>) ValueDecoder.read(in, (refId, cls, module, methods) -> null);
		}
	}

	/** The {@code ok} value of a reply {@code frame} with one segment, as Jackson reads it. */
	private Object jacksonOk(String frame, byte[] segment) {
		try (var in = this.json.mapper().createParser(bytes(frame))) {
			FrameHeader.read(in);
			in.nextToken();
			return ValueDecoder.read(in, NO_REFS, new byte[][] { segment });
		}
	}

	private Object jackson(String value) {
		try (var in = this.json.mapper().createParser(bytes(value))) {
			in.nextToken();
			return ValueDecoder.read(in, (refId, cls, module, methods) -> null);
		}
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
