package dev.esem.internal.worker;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import dev.esem.internal.protocol.FrameHeader;

/**
 * Splits a worker's output into newline-ended frames, straight from bytes and without
 * copying. A frame over the size limit is skipped, and reported with the request id
 * read from its first bytes so that its call can fail alone.
 * <p>
 * A frame may be followed by binary segments, which it announces right after its id
 * ({@link FrameHeader#segmentLengths}); each is read into an array of its own, straight
 * from the pipe once the buffered bytes are used up, and handed over with the frame. The
 * size limit counts them. A negative length is a segment in the worker's shared memory
 * ({@link SharedSegments}), copied out of it instead.
 * <p>
 * Reading ({@link #fill()}) and splitting ({@link #poll()}) are apart, so that whoever
 * reads hands over every whole frame before it blocks again. Not thread-safe: one
 * reader at a time (see {@link ReplyReader}).
 */
final class FrameReader {

	/**
	 * A frame: {@code bytes[offset, offset + length)}, valid until the reader is used
	 * again, and the binary segments that followed it ({@code null} when none did); or an
	 * oversize frame, of which only the id is known.
	 */
	record Frame(byte[] bytes, int offset, int length, byte[][] segments, long oversizeId) {

		boolean isOversize() {
			return this.bytes == null;
		}

	}

	/**
	 * The most one read asks for: the JDK reads through a native buffer of the size asked
	 * for, and a pipe holds 64 KiB anyway; asking for megabytes when a large frame grows
	 * the buffer would map fresh memory on each read.
	 */
	private static final int MAX_READ = 1 << 16;

	private final InputStream in;

	private final int maxFrameBytes;

	private byte[] buffer = new byte[1 << 16];

	private int start;

	private int end;

	private int scanned;

	/** Skipping the rest of an oversize frame, whose id this is. */
	private boolean skipping;

	private long skippedId;

	/** Dropping the segments of a frame over the limit (whose id is {@link #skippedId}): this many are left. */
	private boolean skippingSegments;

	private long skipBytes;

	/** A frame whose segments are being read: its text, its segments, which one is filling and how far. */
	private byte[] pendingText;

	private byte[][] pendingSegments;

	private int pendingIndex;

	private int pendingFilled;

	/** The lengths of the pending frame when some of its segments came from shared memory (already filled), else {@code null}. */
	private long[] sharedFrame;

	/** Where the segments with negative lengths are, or {@code null}. */
	private final SharedSegments shared;

	FrameReader(InputStream in, int maxFrameBytes) {
		this(in, maxFrameBytes, null);
	}

	FrameReader(InputStream in, int maxFrameBytes, SharedSegments shared) {
		this.in = in;
		this.maxFrameBytes = maxFrameBytes;
		this.shared = shared;
	}

	/** The next whole frame already read, with its segments, or {@code null}. */
	Frame poll() {
		if (this.pendingSegments != null) {
			return takeSegments();
		}
		if (this.skippingSegments) {
			int drop = (int) Math.min(this.skipBytes, this.end - this.start);
			this.start += drop;
			this.scanned = this.start;
			this.skipBytes -= drop;
			if (this.skipBytes > 0) {
				return null;
			}
			this.skippingSegments = false;
			return new Frame(null, 0, 0, null, this.skippedId);
		}
		int newline = indexOfNewline();
		if (this.skipping) {
			if (newline < 0) {
				this.start = this.end;
				this.scanned = this.end;
				return null;
			}
			this.skipping = false;
			this.start = newline + 1;
			this.scanned = this.start;
			return new Frame(null, 0, 0, null, this.skippedId);
		}
		if (newline >= 0) {
			int from = this.start;
			this.start = newline + 1;
			this.scanned = this.start;
			long[] lengths = FrameHeader.segmentLengths(this.buffer, from, newline);
			if (lengths == null) {
				return new Frame(this.buffer, from, newline - from, null, -1);
			}
			long segmentBytes = 0;
			long piped = 0;
			boolean anyShared = false;
			for (long length : lengths) {
				segmentBytes += Math.abs(length);
				piped += Math.max(0, length);
				anyShared |= length < 0;
			}
			if (anyShared && this.shared == null) {
				throw new IllegalStateException("A frame from the worker names shared segments, but none are mapped");
			}
			if (newline - from + segmentBytes > this.maxFrameBytes) {
				if (anyShared) {
					this.shared.take(lengths, null); // counts them read
				}
				this.skippedId = FrameHeader.id(this.buffer, from, newline - from);
				this.skippingSegments = true;
				this.skipBytes = piped;
				return poll();
			}
			this.pendingText = Arrays.copyOfRange(this.buffer, from, newline);
			this.pendingSegments = new byte[lengths.length][];
			if (anyShared) {
				this.shared.take(lengths, this.pendingSegments);
			}
			for (int i = 0; i < lengths.length; i++) {
				if (lengths[i] >= 0) {
					this.pendingSegments[i] = new byte[(int) lengths[i]];
				}
			}
			this.sharedFrame = anyShared ? lengths : null;
			this.pendingIndex = 0;
			this.pendingFilled = 0;
			return takeSegments();
		}
		if (this.end - this.start > this.maxFrameBytes) {
			this.skippedId = FrameHeader.id(this.buffer, this.start, this.end - this.start);
			this.skipping = true;
			this.start = this.end;
			this.scanned = this.end;
		}
		return null;
	}

	private int indexOfNewline() {
		for (int i = this.scanned; i < this.end; i++) {
			if (this.buffer[i] == '\n') {
				return i;
			}
		}
		this.scanned = this.end;
		return -1;
	}

	/** Moves buffered bytes into the pending segments; returns the frame once they are full. */
	private Frame takeSegments() {
		byte[][] segments = this.pendingSegments;
		while (this.pendingIndex < segments.length) {
			if (this.sharedFrame != null && this.sharedFrame[this.pendingIndex] < 0) {
				this.pendingIndex++;
				continue;
			}
			byte[] segment = segments[this.pendingIndex];
			int take = Math.min(segment.length - this.pendingFilled, this.end - this.start);
			System.arraycopy(this.buffer, this.start, segment, this.pendingFilled, take);
			this.start += take;
			this.scanned = this.start;
			this.pendingFilled += take;
			if (this.pendingFilled < segment.length) {
				return null;
			}
			this.pendingIndex++;
			this.pendingFilled = 0;
		}
		Frame frame = new Frame(this.pendingText, 0, this.pendingText.length, segments, -1);
		this.pendingText = null;
		this.pendingSegments = null;
		this.sharedFrame = null;
		return frame;
	}

	/**
	 * Reads more, blocking until some bytes come. Returns {@code false} at a clean end of
	 * input; throws at an end inside a frame.
	 */
	boolean fill() throws IOException {
		if (this.pendingSegments != null && this.start == this.end) {
			// nothing buffered: read straight into the segment being filled
			byte[] segment = this.pendingSegments[this.pendingIndex];
			int read = this.in.read(segment, this.pendingFilled, Math.min(segment.length - this.pendingFilled, MAX_READ));
			if (read < 0) {
				throw new IOException("The worker's output ended in the binary segments of a frame");
			}
			this.pendingFilled += read;
			return true;
		}
		compact();
		int read = this.in.read(this.buffer, this.end, Math.min(this.buffer.length - this.end, MAX_READ));
		if (read < 0) {
			if (this.end > this.start || this.skipping || this.skippingSegments || this.pendingSegments != null) {
				throw new IOException("The worker's output ended in the middle of a frame");
			}
			return false;
		}
		this.end += read;
		return true;
	}

	/**
	 * Reads more if some bytes can be read without blocking; returns whether it read.
	 * A read never waits for more than the bytes available then.
	 */
	boolean fillAvailable() throws IOException {
		if (this.in.available() <= 0) {
			return false;
		}
		return fill();
	}

	/** Moves the unread bytes to the front, and grows the buffer when they fill it. */
	private void compact() {
		if (this.start > 0) {
			System.arraycopy(this.buffer, this.start, this.buffer, 0, this.end - this.start);
			this.end -= this.start;
			this.scanned -= this.start;
			this.start = 0;
		}
		if (this.end == this.buffer.length) {
			this.buffer = Arrays.copyOf(this.buffer, this.buffer.length * 2);
		}
	}

}
