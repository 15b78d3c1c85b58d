package dev.esem.internal.worker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a worker's output into newline-ended frames, straight from bytes and without
 * copying. A frame over the size limit is skipped, and reported with the request id
 * read from its first bytes so that its call can fail alone.
 * <p>
 * Reading ({@link #fill()}) and splitting ({@link #poll()}) are apart, so that whoever
 * reads hands over every whole frame before it blocks again. Not thread-safe: one
 * reader at a time (see {@link ReplyReader}).
 */
final class FrameReader {

	/**
	 * A frame: {@code bytes[offset, offset + length)}, valid until the reader is used
	 * again; or an oversize frame, of which only the id is known.
	 */
	record Frame(byte[] bytes, int offset, int length, long oversizeId) {

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

	private static final byte[] FRAME_ID_PREFIX = "{\"id\":".getBytes(StandardCharsets.US_ASCII);

	private final InputStream in;

	private final int maxFrameBytes;

	private byte[] buffer = new byte[1 << 16];

	private int start;

	private int end;

	private int scanned;

	/** Skipping the rest of an oversize frame, whose id this is. */
	private boolean skipping;

	private long skippedId;

	FrameReader(InputStream in, int maxFrameBytes) {
		this.in = in;
		this.maxFrameBytes = maxFrameBytes;
	}

	/** The next whole frame already read, or {@code null}. */
	Frame poll() {
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
			return new Frame(null, 0, 0, this.skippedId);
		}
		if (newline >= 0) {
			Frame frame = new Frame(this.buffer, this.start, newline - this.start, -1);
			this.start = newline + 1;
			this.scanned = this.start;
			return frame;
		}
		if (this.end - this.start > this.maxFrameBytes) {
			this.skippedId = parseId();
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

	private long parseId() {
		int i = this.start + FRAME_ID_PREFIX.length;
		long id = 0;
		boolean digits = false;
		while (i < this.end && this.buffer[i] >= '0' && this.buffer[i] <= '9') {
			id = id * 10 + (this.buffer[i++] - '0');
			digits = true;
		}
		return digits ? id : -1;
	}

	/**
	 * Reads more, blocking until some bytes come. Returns {@code false} at a clean end of
	 * input; throws at an end inside a frame.
	 */
	boolean fill() throws IOException {
		compact();
		int read = this.in.read(this.buffer, this.end, Math.min(this.buffer.length - this.end, MAX_READ));
		if (read < 0) {
			if (this.end > this.start || this.skipping) {
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
