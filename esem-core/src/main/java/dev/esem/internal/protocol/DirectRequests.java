package dev.esem.internal.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import dev.esem.NDArray;

/**
 * Writes the most common requests by hand, straight into the frame: calls whose
 * arguments are all scalars (null, booleans, integers, strings), {@link NDArray}s (a
 * model's input: a tag, and its data as a binary segment) or Java functions (lambdas
 * and method references), the answers of Java functions that returned such a scalar,
 * and releases. Setting up a Jackson generator costs more than writing them. Anything
 * else (other values, keyword arguments, strings with surrogates, whose handling stays
 * Jackson's, long strings, which take the binary lane) makes it give up, and the
 * request goes through Jackson.
 */
final class DirectRequests {

	private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

	private DirectRequests() {
	}

	/** {@code {"op":"release","refs":[...],"noreply":true}}, or {@code null} at a surrogate. */
	static RequestFrame release(Collection<String> refIds) {
		RequestFrame.Sink out = new RequestFrame.Sink(64 + 32 * refIds.size());
		out.write('{');
		member(out, Wire.OP, Wire.OP_RELEASE);
		out.write(',');
		string(out, Wire.REFS);
		out.write(':');
		out.write('[');
		boolean first = true;
		for (String refId : refIds) {
			if (!first) {
				out.write(',');
			}
			first = false;
			if (refId == null || !string(out, refId)) {
				return null;
			}
		}
		out.write(']');
		noReply(out);
		out.write('}');
		return out.frame();
	}

	/**
	 * {@code {"op":op,"k1":v1,"k2":v2,"args":[...]}} (and {@code "as":...} for a result
	 * that is not a plain value), or {@code null} when a value is not one this writes.
	 */
	static RequestFrame write(String op, String k1, String v1, String k2, String v2, Object[] args,
			ResultForm form, ValueEncoder.RefWriter refs) {
		return write(op, k1, v1, k2, v2, null, args, form, refs);
	}

	/**
	 * {@code {"op":"construct","mod":module,"cls":className,"new":refId,"args":[...],"noreply":true}},
	 * or {@code null} when a value is not one this writes.
	 */
	static RequestFrame constructNamed(String module, String className, String refId, Object[] args,
			ValueEncoder.RefWriter refs) {
		return write(Wire.OP_CONSTRUCT, Wire.MODULE, module, Wire.CLASS, className, refId, args, ResultForm.VALUE,
				refs);
	}

	/**
	 * {@code {"op":"cbret","cb":cb,"ok":value,"noreply":true}}, the answer of a Java
	 * function that returned {@code value}, or {@code null} when it is not a scalar this
	 * writes.
	 */
	static RequestFrame callbackAnswer(long cb, Object value) {
		RequestFrame.Sink out = new RequestFrame.Sink(64);
		out.write('{');
		member(out, Wire.OP, Wire.OP_CALLBACK_RETURN);
		out.write(',');
		string(out, Wire.CALLBACK);
		out.write(':');
		ascii(out, Long.toString(cb));
		out.write(',');
		string(out, Wire.OK);
		out.write(':');
		if (!value(out, value)) {
			return null;
		}
		noReply(out);
		out.write('}');
		return out.frame();
	}

	/**
	 * As {@link #write(String, String, String, String, String, Object[], ResultForm, ValueEncoder.RefWriter)};
	 * one-way, naming {@code refId}, unless it is {@code null}.
	 */
	private static RequestFrame write(String op, String k1, String v1, String k2, String v2, String refId,
			Object[] args, ResultForm form, ValueEncoder.RefWriter refs) {
		if (v1 == null || v2 == null || (hasFunction(args) && !allWritable(args, refs))) {
			return null; // given up before a function is registered: Jackson registers it
		}
		RequestFrame.Sink out = new RequestFrame.Sink(64 + v1.length() + v2.length());
		out.write('{');
		if (!member(out, Wire.OP, op) || !member(out, k1, v1) || !member(out, k2, v2)
				|| (refId != null && !member(out, Wire.NEW_REF, refId))) {
			return null;
		}
		out.write(',');
		string(out, Wire.ARGS);
		out.write(':');
		out.write('[');
		List<byte[]> segments = List.of();
		if (args != null) {
			for (int i = 0; i < args.length; i++) {
				if (i > 0) {
					out.write(',');
				}
				if (args[i] instanceof NDArray array) {
					if (segments.isEmpty()) {
						segments = new ArrayList<>(2);
					}
					array(out, array, segments);
				}
				else if (!value(out, args[i])) {
					if (!isFunction(args[i])) {
						return null;
					}
					function(out, args[i], refs);
				}
			}
		}
		out.write(']');
		if (form.wireName != null) {
			member(out, Wire.RESULT_FORM, form.wireName);
		}
		if (refId != null) {
			noReply(out);
		}
		out.write('}');
		return out.frame(segments);
	}

	/**
	 * {@code {"$t":"nd","v":<segment>,"dtype":"float32","shape":[1,16]}}, as
	 * {@link ValueEncoder} writes it, with the array's data added to {@code segments}.
	 */
	private static void array(RequestFrame.Sink out, NDArray array, List<byte[]> segments) {
		tagged(out, Wire.TAG_NDARRAY);
		ascii(out, Integer.toString(segments.size()));
		segments.add(NDArrays.data(array)); // sent as it is, not copied
		member(out, Wire.DTYPE, array.dtype());
		out.write(',');
		string(out, Wire.SHAPE);
		out.write(':');
		out.write('[');
		int[] shape = array.shape();
		for (int i = 0; i < shape.length; i++) {
			if (i > 0) {
				out.write(',');
			}
			ascii(out, Integer.toString(shape[i]));
		}
		out.write(']');
		out.write('}');
	}

	/** Whether {@code value} is a lambda or a method reference, which crosses as a Java function, or is refused. */
	private static boolean isFunction(Object value) {
		return value != null && Functions.isLambda(value.getClass());
	}

	private static boolean hasFunction(Object[] args) {
		if (args != null) {
			for (Object arg : args) {
				if (isFunction(arg)) {
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * Whether every argument is one this writes: checked before a function is registered
	 * (which writing it does), so that giving up later cannot register it twice.
	 */
	private static boolean allWritable(Object[] args, ValueEncoder.RefWriter refs) {
		for (Object arg : args) {
			boolean writable = isScalar(arg) || arg instanceof NDArray || (arg instanceof String string && isPlain(string))
					|| (isFunction(arg) && refs.refIdOf(arg) == null);
			if (!writable) {
				return false;
			}
		}
		return true;
	}

	/** {@code {"$t":"fn","v":id}}, {@code value} registered as a Java function, as {@link ValueEncoder} writes it. */
	private static void function(RequestFrame.Sink out, Object value, ValueEncoder.RefWriter refs) {
		String id = refs.functionIdOf(value);
		if (id == null) {
			throw Functions.refused(value.getClass());
		}
		tagged(out, Wire.TAG_FUNCTION);
		string(out, id);
		out.write('}');
	}

	/** {@code ,"noreply":true}: the request wants no reply. */
	private static void noReply(RequestFrame.Sink out) {
		out.write(',');
		string(out, Wire.NO_REPLY);
		out.write(':');
		ascii(out, "true");
	}

	/** {@code {"$t":tag,"v":}, the start of a tagged value. */
	private static void tagged(RequestFrame.Sink out, String tag) {
		out.write('{');
		string(out, Wire.TAG);
		out.write(':');
		string(out, tag);
		out.write(',');
		string(out, Wire.TAG_VALUE);
		out.write(':');
	}

	/** Whether {@link #string} writes {@code text} here: not long, no surrogates. */
	private static boolean isPlain(String text) {
		if (text.length() >= ValueEncoder.STRING_LANE) {
			return false;
		}
		for (int i = 0; i < text.length(); i++) {
			if (Character.isSurrogate(text.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	/** {@code "name":"value"}, after a comma unless it is the first member. */
	private static boolean member(RequestFrame.Sink out, String name, String value) {
		if (out.bodyLength() > 1) {
			out.write(',');
		}
		string(out, name);
		out.write(':');
		return string(out, value);
	}

	private static boolean value(RequestFrame.Sink out, Object value) {
		if (value == null) {
			ascii(out, "null");
		}
		else if (value instanceof String string) {
			return string.length() < ValueEncoder.STRING_LANE && string(out, string); // long ones take the binary lane
		}
		else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
			ascii(out, Long.toString(((Number) value).longValue()));
		}
		else if (value instanceof Boolean bool) {
			ascii(out, bool ? "true" : "false");
		}
		else {
			return false;
		}
		return true;
	}

	/** Null, a boolean or an integer: what {@link #value} always writes. */
	private static boolean isScalar(Object value) {
		return value == null || value instanceof Boolean || value instanceof Integer || value instanceof Long
				|| value instanceof Short || value instanceof Byte;
	}

	private static void ascii(RequestFrame.Sink out, String text) {
		out.ensure(text.length());
		for (int i = 0; i < text.length(); i++) {
			out.buffer[out.count++] = (byte) text.charAt(i);
		}
	}

	/** A JSON string in UTF-8; {@code false} at a surrogate. */
	private static boolean string(RequestFrame.Sink out, String text) {
		int length = text.length();
		out.ensure(length + 2);
		byte[] buffer = out.buffer;
		int at = out.count;
		buffer[at++] = '"';
		for (int i = 0; i < length; i++) {
			char c = text.charAt(i);
			if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
				buffer[at++] = (byte) c;
				continue;
			}
			if (Character.isSurrogate(c)) {
				return false;
			}
			// an escape or a non-ASCII char takes up to 6 bytes: room for it and the rest
			out.count = at;
			out.ensure(6 + (length - i - 1) * 3 + 1);
			buffer = out.buffer;
			if (c == '"' || c == '\\') {
				buffer[at++] = '\\';
				buffer[at++] = (byte) c;
			}
			else if (c < 0x20) {
				buffer[at++] = '\\';
				buffer[at++] = 'u';
				buffer[at++] = '0';
				buffer[at++] = '0';
				buffer[at++] = HEX[c >> 4];
				buffer[at++] = HEX[c & 0xF];
			}
			else if (c < 0x800) {
				buffer[at++] = (byte) (0xC0 | (c >> 6));
				buffer[at++] = (byte) (0x80 | (c & 0x3F));
			}
			else {
				buffer[at++] = (byte) (0xE0 | (c >> 12));
				buffer[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
				buffer[at++] = (byte) (0x80 | (c & 0x3F));
			}
		}
		buffer[at++] = '"';
		out.count = at;
		return true;
	}

}
