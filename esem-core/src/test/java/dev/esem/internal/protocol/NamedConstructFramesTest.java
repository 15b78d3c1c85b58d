package dev.esem.internal.protocol;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.esem.Kwargs;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The one-way construct that names its object: written by hand for scalars, by Jackson otherwise, alike. */
class NamedConstructFramesTest {

	private static final String REF = "py_obj_j7_abcdefghijkl";

	private final Json json = new Json(1 << 20, 16);

	private final RequestEncoder requests = new RequestEncoder(this.json, 16, 1 << 20);

	@Test
	void theHandWrittenFrameSaysWhatJacksonsSays() {
		Object[] scalars = { "regular", 5, null, true };
		assertThat(DirectRequests.constructNamed("pipelined.py", "Account", REF, scalars, v -> null)).isNotNull();
		Map<?, ?> byHand = decode(this.requests.constructNamed("pipelined.py", "Account", REF, scalars, v -> null));
		// a float is not written by hand: the same request through Jackson
		Object[] withFloat = { "regular", 5, null, true, 1.5 };
		assertThat(DirectRequests.constructNamed("pipelined.py", "Account", REF, withFloat, v -> null)).isNull();
		Map<?, ?> byJackson = decode(this.requests.constructNamed("pipelined.py", "Account", REF, withFloat, v -> null));
		assertThat(byHand).isEqualTo(expected(Arrays.asList(scalars)));
		assertThat(byJackson).isEqualTo(expected(Arrays.asList(withFloat)));
	}

	@Test
	void keywordArgumentsGoThroughJackson() {
		Map<?, ?> body = decode(this.requests.constructNamed("m", "C", REF,
				new Object[] { 1, Kwargs.of("tier", "gold") }, v -> null));
		assertThat(body.get("new")).isEqualTo(REF);
		assertThat(body.get("noreply")).isEqualTo(true);
		assertThat(body.get("kw")).isEqualTo(Map.of("tier", "gold"));
	}

	@Test
	void aPlainConstructNamesNoObjectAndWantsItsReply() {
		Map<?, ?> body = decode(this.requests.construct("m", "C", new Object[] { 1 }, v -> null));
		assertThat(body.containsKey("new") || body.containsKey("noreply")).isFalse();
	}

	private static Map<String, Object> expected(List<Object> args) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("op", "construct");
		body.put("mod", "pipelined.py");
		body.put("cls", "Account");
		body.put("new", REF);
		body.put("args", args);
		body.put("noreply", true);
		return body;
	}

	private Map<?, ?> decode(RequestFrame frame) {
		byte[] body = Arrays.copyOfRange(frame.bytes(), RequestFrame.ID_ROOM, frame.end() - 1);
		try (var in = this.json.mapper().createParser(body)) {
			in.nextToken();
			return (Map<?, ?>) ValueDecoder.read(in, (refId, cls, module, methods) -> null);
		}
	}

}
