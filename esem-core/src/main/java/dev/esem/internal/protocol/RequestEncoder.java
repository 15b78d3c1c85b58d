package dev.esem.internal.protocol;

import java.io.ByteArrayOutputStream;
import java.util.Collection;
import java.util.Map;
import java.util.function.Consumer;

import dev.esem.Kwargs;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;

/**
 * Encodes request bodies (a JSON object without the id, which the worker adds) on the
 * caller's thread, so a value that cannot cross fails before anything is sent.
 */
public final class RequestEncoder {

	/** Room left in a frame for the id member and the newline. */
	private static final int FRAME_OVERHEAD = 32;

	private final Json json;

	private final int maxDepth;

	private final int maxFrameBytes;

	public RequestEncoder(Json json, int maxDepth, int maxFrameBytes) {
		this.json = json;
		this.maxDepth = maxDepth;
		this.maxFrameBytes = maxFrameBytes;
	}

	public byte[] load(String module) {
		return encode(out -> {
			op(out, "load");
			out.writeStringProperty("mod", module);
		});
	}

	public byte[] call(String module, String function, Object[] args, ValueEncoder.RefWriter refs) {
		return encode(out -> {
			op(out, "call");
			out.writeStringProperty("mod", module);
			out.writeStringProperty("fn", function);
			arguments(out, args, refs);
		});
	}

	public byte[] construct(String module, String className, Object[] args, ValueEncoder.RefWriter refs) {
		return encode(out -> {
			op(out, "construct");
			out.writeStringProperty("mod", module);
			out.writeStringProperty("cls", className);
			arguments(out, args, refs);
		});
	}

	public byte[] invoke(String refId, String method, Object[] args, ValueEncoder.RefWriter refs) {
		return encode(out -> {
			op(out, "invoke");
			out.writeStringProperty("ref", refId);
			out.writeStringProperty("fn", method);
			arguments(out, args, refs);
		});
	}

	public byte[] moduleAttribute(String module, String name) {
		return encode(out -> {
			op(out, "getattr");
			out.writeStringProperty("mod", module);
			out.writeStringProperty("name", name);
		});
	}

	public byte[] objectAttribute(String refId, String name) {
		return encode(out -> {
			op(out, "getattr");
			out.writeStringProperty("ref", refId);
			out.writeStringProperty("name", name);
		});
	}

	public byte[] release(Collection<String> refIds) {
		return encode(out -> {
			op(out, "release");
			out.writeName("refs");
			out.writeStartArray();
			for (String refId : refIds) {
				out.writeString(refId);
			}
			out.writeEndArray();
			out.writeBooleanProperty("noreply", true);
		});
	}

	public byte[] simple(String op) {
		return encode(out -> op(out, op));
	}

	private static void op(JsonGenerator out, String op) {
		out.writeStringProperty("op", op);
	}

	private void arguments(JsonGenerator out, Object[] args, ValueEncoder.RefWriter refs) {
		ValueEncoder values = new ValueEncoder(this.maxDepth, refs);
		Object[] positional = (args != null) ? args : new Object[0];
		Kwargs kwargs = null;
		int count = positional.length;
		if (count > 0 && positional[count - 1] instanceof Kwargs last) {
			kwargs = last;
			count--;
		}
		out.writeName("args");
		out.writeStartArray();
		for (int i = 0; i < count; i++) {
			values.write(out, positional[i]);
		}
		out.writeEndArray();
		if (kwargs != null) {
			out.writeName("kw");
			out.writeStartObject();
			for (Map.Entry<String, Object> entry : kwargs.asMap().entrySet()) {
				out.writeName(entry.getKey());
				values.write(out, entry.getValue());
			}
			out.writeEndObject();
		}
	}

	private byte[] encode(Consumer<JsonGenerator> body) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
		try (JsonGenerator out = this.json.mapper().createGenerator(bytes)) {
			out.writeStartObject();
			body.accept(out);
			out.writeEndObject();
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("Cannot send this value to Python: " + ex.getOriginalMessage(), ex);
		}
		if (bytes.size() > this.maxFrameBytes - FRAME_OVERHEAD) {
			throw new IllegalArgumentException(String.format(
					"The request is %.2f MiB, over the max frame size of %.2f MiB (esem.limits.max-frame-size)",
					bytes.size() / 1048576.0, this.maxFrameBytes / 1048576.0));
		}
		return bytes.toByteArray();
	}

}
