package dev.esem.internal.protocol;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import dev.esem.Kwargs;
import dev.esem.PythonFrameTooLargeException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;

/**
 * Encodes request frames (without their id, which the worker adds) on the caller's
 * thread, so a value that cannot cross fails before anything is sent.
 */
public final class RequestEncoder {

	/** Room left in a frame for the id member and the newline. */
	private static final int FRAME_OVERHEAD = RequestFrame.ID_ROOM + 1;

	/** The first buffer of a body: most requests fit. */
	private static final int BODY_GUESS = 128;

	private final Json json;

	private final int maxDepth;

	private final int maxFrameBytes;

	public RequestEncoder(Json json, int maxDepth, int maxFrameBytes) {
		this.json = json;
		this.maxDepth = maxDepth;
		this.maxFrameBytes = maxFrameBytes;
	}

	public RequestFrame load(String module) {
		return encode(out -> {
			op(out, Wire.OP_LOAD);
			out.writeStringProperty(Wire.MODULE, module);
			return List.of();
		});
	}

	/** A call of a module function, whose result is to come back in {@code form}. */
	public RequestFrame call(String module, String function, Object[] args, ResultForm form,
			ValueEncoder.RefWriter refs) {
		RequestFrame plain = DirectRequests.write(Wire.OP_CALL, Wire.MODULE, module, Wire.FUNCTION, function, args, form,
				refs);
		if (plain != null) {
			return checkSize(plain);
		}
		return encode(out -> {
			op(out, Wire.OP_CALL);
			out.writeStringProperty(Wire.MODULE, module);
			out.writeStringProperty(Wire.FUNCTION, function);
			List<byte[]> segments = arguments(out, args, refs);
			resultForm(out, form);
			return segments;
		});
	}

	/** A stream over an object: {@code iter(obj)}. */
	public RequestFrame iterate(String refId) {
		return encode(out -> {
			op(out, Wire.OP_ITER);
			out.writeStringProperty(Wire.REF, refId);
			return List.of();
		});
	}

	/** The next batch of at most {@code max} items of a stream. */
	public RequestFrame next(String streamRef, int max) {
		return encode(out -> {
			op(out, Wire.OP_NEXT);
			out.writeStringProperty(Wire.REF, streamRef);
			out.writeNumberProperty(Wire.MAX, max);
			return List.of();
		});
	}

	/** Closes a stream's generator. */
	public RequestFrame close(String streamRef) {
		return encode(out -> {
			op(out, Wire.OP_CLOSE);
			out.writeStringProperty(Wire.REF, streamRef);
			return List.of();
		});
	}

	/** The answer to Python's callback request {@code cb}: what the Java function returned. */
	public RequestFrame callbackAnswer(long cb, Object value, ValueEncoder.RefWriter refs) {
		RequestFrame plain = DirectRequests.callbackAnswer(cb, value);
		return (plain != null) ? checkSize(plain) : jacksonCallbackAnswer(cb, value, refs);
	}

	/** The same answer, written by Jackson (what the one written by hand must equal). */
	RequestFrame jacksonCallbackAnswer(long cb, Object value, ValueEncoder.RefWriter refs) {
		return encode(out -> {
			op(out, Wire.OP_CALLBACK_RETURN);
			out.writeNumberProperty(Wire.CALLBACK, cb);
			out.writeName(Wire.OK);
			ValueEncoder values = new ValueEncoder(this.maxDepth, this.json.beans(), refs);
			values.write(out, value);
			out.writeBooleanProperty(Wire.NO_REPLY, true);
			return values.segments();
		});
	}

	/** The answer to Python's callback request {@code cb}: the Java function threw. */
	public RequestFrame callbackFailure(long cb, String type, String message, String javaRef) {
		return encode(out -> {
			op(out, Wire.OP_CALLBACK_RETURN);
			out.writeNumberProperty(Wire.CALLBACK, cb);
			out.writeName(Wire.ERR);
			out.writeStartObject();
			out.writeStringProperty(Wire.ERROR_TYPE, type);
			out.writeStringProperty(Wire.ERROR_MESSAGE, message);
			out.writeStringProperty(Wire.ERROR_JAVA, javaRef);
			out.writeEndObject();
			out.writeBooleanProperty(Wire.NO_REPLY, true);
			return List.of();
		});
	}

	public RequestFrame construct(String module, String className, Object[] args, ValueEncoder.RefWriter refs) {
		RequestFrame plain = DirectRequests.write(Wire.OP_CONSTRUCT, Wire.MODULE, module, Wire.CLASS, className, args,
				ResultForm.VALUE, refs);
		if (plain != null) {
			return checkSize(plain);
		}
		return encode(out -> {
			op(out, Wire.OP_CONSTRUCT);
			out.writeStringProperty(Wire.MODULE, module);
			out.writeStringProperty(Wire.CLASS, className);
			return arguments(out, args, refs);
		});
	}

	/**
	 * A constructor call that wants no reply: the worker registers the new object under
	 * {@code refId}, named here, or keeps what the constructor raised there, for every
	 * use of {@code refId} until it is released.
	 */
	public RequestFrame constructNamed(String module, String className, String refId, Object[] args,
			ValueEncoder.RefWriter refs) {
		RequestFrame plain = DirectRequests.constructNamed(module, className, refId, args, refs);
		if (plain != null) {
			return checkSize(plain);
		}
		return encode(out -> {
			op(out, Wire.OP_CONSTRUCT);
			out.writeStringProperty(Wire.MODULE, module);
			out.writeStringProperty(Wire.CLASS, className);
			out.writeStringProperty(Wire.NEW_REF, refId);
			out.writeBooleanProperty(Wire.NO_REPLY, true);
			return arguments(out, args, refs);
		});
	}

	/** A method call, whose result is to come back in {@code form}. */
	public RequestFrame invoke(String refId, String method, Object[] args, ResultForm form,
			ValueEncoder.RefWriter refs) {
		RequestFrame plain = DirectRequests.write(Wire.OP_INVOKE, Wire.REF, refId, Wire.FUNCTION, method, args, form,
				refs);
		if (plain != null) {
			return checkSize(plain);
		}
		return encode(out -> {
			op(out, Wire.OP_INVOKE);
			out.writeStringProperty(Wire.REF, refId);
			out.writeStringProperty(Wire.FUNCTION, method);
			List<byte[]> segments = arguments(out, args, refs);
			resultForm(out, form);
			return segments;
		});
	}

	/**
	 * One call of a batched function with many callers' items: {@code batch} is the list
	 * of the items, or one array stacking them. {@code refId} names the object whose
	 * method it is, or is {@code null} for a function of {@code module}.
	 */
	public RequestFrame batch(String module, String refId, String function, Object batch,
			ValueEncoder.RefWriter refs) {
		return encode(out -> {
			op(out, Wire.OP_BATCH);
			if (refId != null) {
				out.writeStringProperty(Wire.REF, refId);
			}
			else {
				out.writeStringProperty(Wire.MODULE, module);
			}
			out.writeStringProperty(Wire.FUNCTION, function);
			return arguments(out, new Object[] { batch }, refs);
		});
	}

	public RequestFrame moduleAttribute(String module, String name) {
		return encode(out -> {
			op(out, Wire.OP_GETATTR);
			out.writeStringProperty(Wire.MODULE, module);
			out.writeStringProperty(Wire.NAME, name);
			return List.of();
		});
	}

	public RequestFrame objectAttribute(String refId, String name) {
		return encode(out -> {
			op(out, Wire.OP_GETATTR);
			out.writeStringProperty(Wire.REF, refId);
			out.writeStringProperty(Wire.NAME, name);
			return List.of();
		});
	}

	public RequestFrame release(Collection<String> refIds) {
		RequestFrame plain = DirectRequests.release(refIds);
		if (plain != null) {
			return checkSize(plain);
		}
		return encode(out -> {
			op(out, Wire.OP_RELEASE);
			out.writeName(Wire.REFS);
			out.writeStartArray();
			for (String refId : refIds) {
				out.writeString(refId);
			}
			out.writeEndArray();
			out.writeBooleanProperty(Wire.NO_REPLY, true);
			return List.of();
		});
	}

	/** Asks the worker to cancel call {@code callId}, if it runs as a task; wants no reply. */
	public RequestFrame cancel(long callId) {
		return encode(out -> {
			op(out, Wire.OP_CANCEL);
			out.writeNumberProperty(Wire.CANCELLED_CALL, callId);
			out.writeBooleanProperty(Wire.NO_REPLY, true);
			return List.of();
		});
	}

	public RequestFrame simple(String op) {
		return encode(out -> {
			op(out, op);
			return List.of();
		});
	}

	private static void op(JsonGenerator out, String op) {
		out.writeStringProperty(Wire.OP, op);
	}

	private static void resultForm(JsonGenerator out, ResultForm form) {
		if (form.wireName != null) {
			out.writeStringProperty(Wire.RESULT_FORM, form.wireName);
		}
	}

	/** Writes the arguments; returns the binary segments they take. */
	private List<byte[]> arguments(JsonGenerator out, Object[] args, ValueEncoder.RefWriter refs) {
		ValueEncoder values = new ValueEncoder(this.maxDepth, this.json.beans(), refs);
		Object[] positional = (args != null) ? args : new Object[0];
		Kwargs kwargs = null;
		int count = positional.length;
		if (count > 0 && positional[count - 1] instanceof Kwargs last) {
			kwargs = last;
			count--;
		}
		out.writeName(Wire.ARGS);
		out.writeStartArray();
		for (int i = 0; i < count; i++) {
			values.write(out, positional[i]);
		}
		out.writeEndArray();
		if (kwargs != null) {
			out.writeName(Wire.KWARGS);
			out.writeStartObject();
			for (Map.Entry<String, Object> entry : kwargs.asMap().entrySet()) {
				out.writeName(entry.getKey());
				values.write(out, entry.getValue());
			}
			out.writeEndObject();
		}
		return values.segments();
	}

	/** Writes a request's members; returns the binary segments of its values. */
	private interface Body {

		List<byte[]> write(JsonGenerator out);

	}

	private RequestFrame encode(Body body) {
		RequestFrame.Sink bytes = new RequestFrame.Sink(BODY_GUESS);
		List<byte[]> segments;
		try (JsonGenerator out = this.json.mapper().createGenerator(bytes)) {
			out.writeStartObject();
			segments = body.write(out);
			out.writeEndObject();
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("Cannot send this value to Python: " + ex.getOriginalMessage(), ex);
		}
		return checkSize(bytes.frame(segments));
	}

	/** Whether a frame of {@code size} bytes, as written, is within the size limit. */
	public boolean fits(long size) {
		return size <= this.maxFrameBytes;
	}

	/** Refuses a frame over the size limit, its binary segments counted. */
	private RequestFrame checkSize(RequestFrame frame) {
		if (frame.bodyLength() > this.maxFrameBytes - FRAME_OVERHEAD) {
			throw new PythonFrameTooLargeException(String.format(
					"The request is %.2f MiB, over the max frame size of %.2f MiB (esem.limits.max-frame-size)",
					frame.bodyLength() / 1048576.0, this.maxFrameBytes / 1048576.0));
		}
		return frame;
	}

}
