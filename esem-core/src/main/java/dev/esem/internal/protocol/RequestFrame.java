package dev.esem.internal.protocol;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A request frame: its body is encoded after room left for the {@code {"id":N,"to":T,"dl":D,}
 * that the worker puts in front when it sends it, so a frame is written without being
 * copied.
 * <p>
 * Bulk values (byte arrays, array data, long strings) are not in the JSON text: they
 * follow the frame's newline as binary segments, written as they are, and the frame
 * lists their lengths right after its id: {@code {"id":7,"$b":[8000000],"to":T,"dl":D,"op":...}}.
 * A segment that the writer put into the worker's shared memory instead is listed with
 * its length negated, and not written after the frame.
 */
public final class RequestFrame {

	/** The room a body leaves in front of itself for the header ({@link FrameHeader#ROOM}). */
	static final int ID_ROOM = FrameHeader.ROOM;

	private static final byte[] AHEAD_OPEN = (",\"" + Wire.AHEAD + "\":[").getBytes(StandardCharsets.US_ASCII);

	private static final byte[] AHEAD_CLOSE = "]}\n".getBytes(StandardCharsets.US_ASCII);

	/** The most one write hands the JDK: it writes through a native buffer of the size given. */
	private static final int MAX_WRITE = 1 << 16;

	private final byte[] bytes;

	private final int end;

	/** The binary segments, in order; empty for most frames. */
	private final List<byte[]> segments;

	private int start = -1;

	/**
	 * For a frame with segments or a trace: {@code {"id":N,"$b":[...],"tp":"...","to":T,"dl":D,},
	 * written before the body.
	 */
	private byte[] head;

	private long id;

	private long timeoutMillis;

	private long deadline;

	/** The W3C traceparent that goes with a head, or {@code null}. */
	private String traceparent;

	private RequestFrame(byte[] bytes, int end, List<byte[]> segments) {
		this.bytes = bytes;
		this.end = end;
		this.segments = segments;
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

	/** The binary segments that follow the frame. */
	public List<byte[]> segments() {
		return this.segments;
	}

	/** The body size in bytes (without id and newline), its segments and their table included. */
	long bodyLength() {
		return this.end - 1 - ID_ROOM + FrameHeader.segmentsLength(this.segments);
	}

	/** What {@link #writeTo} writes, once the frame has its id. */
	public long size() {
		return ((this.head != null) ? this.head.length : 0) + (this.end - this.start) + segmentBytes();
	}

	private long segmentBytes() {
		long total = 0;
		for (byte[] segment : this.segments) {
			total += segment.length;
		}
		return total;
	}

	/** Puts {@code {"id":<id>,} in front of the body (once) and returns this frame. */
	public RequestFrame withId(long id) {
		return withId(id, 0);
	}

	/**
	 * Puts {@code {"id":<id>,"to":<timeoutMillis>,"dl":<deadline>,} in front of the body
	 * (once; neither {@code "to"} nor {@code "dl"} when the timeout is 0), with the segment
	 * lengths after the id, and returns this frame. The deadline is in milliseconds since
	 * the epoch: a worker that reads the request only after it has passed (it was queued
	 * behind other calls) skips it, since its caller has given up on it already.
	 */
	public RequestFrame withId(long id, long timeoutMillis) {
		return withId(id, timeoutMillis, null);
	}

	/**
	 * Like {@link #withId(long, long)}, with {@code "tp":<traceparent>} after the id when
	 * {@code traceparent} is not {@code null} (the call's trace, for Python's log records).
	 */
	public RequestFrame withId(long id, long timeoutMillis, String traceparent) {
		if (this.start >= 0) {
			throw new IllegalStateException("A request frame is sent once");
		}
		if (!this.segments.isEmpty() || traceparent != null) {
			this.id = id;
			this.timeoutMillis = timeoutMillis;
			this.deadline = System.currentTimeMillis() + timeoutMillis;
			this.traceparent = (traceparent != null && isTraceparent(traceparent)) ? traceparent : null;
			this.head = head(null);
			this.start = ID_ROOM + 1; // after the body's opening brace
			return this;
		}
		this.start = FrameHeader.writeBefore(this.bytes, ID_ROOM, id, timeoutMillis,
				System.currentTimeMillis() + timeoutMillis);
		return this;
	}

	/** Lower-case hex digits and dashes only, as W3C writes it: nothing to escape in JSON. */
	private static boolean isTraceparent(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || c == '-')) {
				return false;
			}
		}
		return true;
	}

	private byte[] head(boolean[] shared) {
		return FrameHeader.head(this.id, this.segments, shared, this.traceparent, this.timeoutMillis, this.deadline);
	}

	/**
	 * Writes the frame and its segments, in slices of at most 64 KiB: a pipe takes that
	 * much at a time anyway, and a megabyte in one write would make the JDK map fresh
	 * native memory for it.
	 */
	public void writeTo(OutputStream out) throws IOException {
		writeTo(out, null);
	}

	/**
	 * Writes the frame and the segments that are not in shared memory: {@code shared}
	 * says which are ({@code null}: none).
	 */
	public void writeTo(OutputStream out, boolean[] shared) throws IOException {
		writeTo(out, shared, List.of());
	}

	/**
	 * Writes the frame as {@link #writeTo(OutputStream, boolean[])} does, with
	 * {@code carried}, one-way frames without segments or a head of their own, as its
	 * last member {@code "ahead"} (when there are any): the worker runs them before the
	 * request.
	 */
	public void writeTo(OutputStream out, boolean[] shared, List<RequestFrame> carried) throws IOException {
		if (this.head != null) {
			out.write((shared != null) ? head(shared) : this.head);
		}
		if (carried.isEmpty()) {
			write(out, this.bytes, this.start, this.end);
		}
		else {
			write(out, this.bytes, this.start, this.end - 2); // without its closing brace and newline
			out.write(AHEAD_OPEN);
			for (int i = 0; i < carried.size(); i++) {
				if (i > 0) {
					out.write(',');
				}
				RequestFrame frame = carried.get(i);
				write(out, frame.bytes, frame.start, frame.end - 1); // without its newline
			}
			out.write(AHEAD_CLOSE);
		}
		for (int i = 0; i < this.segments.size(); i++) {
			if (shared == null || !shared[i]) {
				byte[] segment = this.segments.get(i);
				write(out, segment, 0, segment.length);
			}
		}
	}

	/** How many bytes {@code carried} adds to a frame that carries it ({@link #writeTo(OutputStream, boolean[], List)}). */
	public static long carriedSize(List<RequestFrame> carried) {
		if (carried.isEmpty()) {
			return 0;
		}
		long size = AHEAD_OPEN.length + AHEAD_CLOSE.length - 2 + carried.size() - 1;
		for (RequestFrame frame : carried) {
			size += frame.size() - 1;
		}
		return size;
	}

	private static void write(OutputStream out, byte[] bytes, int from, int to) throws IOException {
		for (int at = from; at < to; at += MAX_WRITE) {
			out.write(bytes, at, Math.min(MAX_WRITE, to - at));
		}
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
			return frame(List.of());
		}

		/** The frame, followed by {@code segments}. */
		RequestFrame frame(List<byte[]> segments) {
			this.buffer[this.count] = '\n';
			return new RequestFrame(this.buffer, this.count + 1, segments);
		}

	}

}
