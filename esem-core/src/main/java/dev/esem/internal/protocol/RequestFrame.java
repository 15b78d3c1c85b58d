package dev.esem.internal.protocol;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * A request frame: its body is encoded after room left for the {@code {"id":N,"to":T,}
 * that the worker puts in front when it sends it, so a frame is written without being
 * copied.
 */
public final class RequestFrame {

	/** {@code {"id":}, {@code ,"to":} and {@code ,} around up to 20 digits each. */
	static final int ID_ROOM = 53;

	private static final byte[] ID_PREFIX = { '{', '"', 'i', 'd', '"', ':' };

	private static final byte[] TIMEOUT_PREFIX = { ',', '"', 't', 'o', '"', ':' };

	private final byte[] bytes;

	private final int end;

	private int start = -1;

	private RequestFrame(byte[] bytes, int end) {
		this.bytes = bytes;
		this.end = end;
	}

	/** The frame bytes; the frame is {@code [start(), end())}, once it has an id. */
	public byte[] bytes() {
		return this.bytes;
	}

	public int start() {
		return this.start;
	}

	public int end() {
		return this.end;
	}

	/** The body size in bytes (without id and newline). */
	int bodyLength() {
		return this.end - 1 - ID_ROOM;
	}

	/** Puts {@code {"id":<id>,} in front of the body (once) and returns this frame. */
	public RequestFrame withId(long id) {
		return withId(id, 0);
	}

	/**
	 * Puts {@code {"id":<id>,"to":<timeoutMillis>,} in front of the body (once; no
	 * {@code "to"} when it is 0) and returns this frame.
	 */
	public RequestFrame withId(long id, long timeoutMillis) {
		if (this.start >= 0) {
			throw new IllegalStateException("A request frame is sent once");
		}
		// the body's opening brace at ID_ROOM becomes the comma after the id
		int at = ID_ROOM;
		this.bytes[at] = ',';
		if (timeoutMillis > 0) {
			at = digits(timeoutMillis, at);
			at -= TIMEOUT_PREFIX.length;
			System.arraycopy(TIMEOUT_PREFIX, 0, this.bytes, at, TIMEOUT_PREFIX.length);
		}
		at = digits(id, at);
		at -= ID_PREFIX.length;
		System.arraycopy(ID_PREFIX, 0, this.bytes, at, ID_PREFIX.length);
		this.start = at;
		return this;
	}

	/** Writes {@code value}'s digits ending before {@code end}; returns where they start. */
	private int digits(long value, int end) {
		int at = end;
		long rest = value;
		do {
			this.bytes[--at] = (byte) ('0' + (rest % 10));
			rest /= 10;
		}
		while (rest > 0);
		return at;
	}

	/**
	 * Where a request body is encoded: after the id room; {@link #frame()} ends it with a
	 * newline. {@link DirectRequests} writes into its buffer directly.
	 */
	static final class Sink extends OutputStream {

		byte[] buffer;

		int count = ID_ROOM;

		Sink(int expectedBody) {
			this.buffer = new byte[ID_ROOM + expectedBody + 1];
		}

		@Override
		public void write(int b) {
			ensure(1);
			this.buffer[this.count++] = (byte) b;
		}

		@Override
		public void write(byte[] b, int off, int len) {
			ensure(len);
			System.arraycopy(b, off, this.buffer, this.count, len);
			this.count += len;
		}

		/** Makes room for {@code more} bytes after {@link #count}. */
		void ensure(int more) {
			// one spare byte for the newline
			if (this.count + more + 1 > this.buffer.length) {
				this.buffer = Arrays.copyOf(this.buffer, Math.max(this.buffer.length * 2, this.count + more + 1));
			}
		}

		int bodyLength() {
			return this.count - ID_ROOM;
		}

		RequestFrame frame() {
			this.buffer[this.count] = '\n';
			return new RequestFrame(this.buffer, this.count + 1);
		}

	}

}
