package dev.esem.internal.worker;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a worker's output into newline-ended frames, straight from bytes and without
 * copying. A frame over the size limit is skipped, and reported with the request id
 * read from its first bytes so that its call can fail alone.
 */
final class FrameReader {

	/**
	 * A frame: {@code bytes[offset, offset + length)}, valid until the next call of
	 * {@link FrameReader#next()}; or an oversize frame, of which only the id is known.
	 */
	record Frame(byte[] bytes, int offset, int length, long oversizeId) {

		boolean isOversize() {
			return this.bytes == null;
		}

	}

	private final InputStream in;

	private final int maxFrameBytes;

	private byte[] buffer = new byte[1 << 16];

	private int start;

	private int end;

	private int scanned;

	FrameReader(InputStream in, int maxFrameBytes) {
		this.in = in;
		this.maxFrameBytes = maxFrameBytes;
	}

	/** The next frame, or {@code null} at a clean end of input. */
	Frame next() throws IOException {
		while (true) {
			int newline = indexOfNewline();
			if (newline >= 0) {
				Frame frame = new Frame(this.buffer, this.start, newline - this.start, -1);
				this.start = newline + 1;
				this.scanned = this.start;
				return frame;
			}
			if (this.end - this.start > this.maxFrameBytes) {
				return skipOversize();
			}
			if (!fill()) {
				if (this.end > this.start) {
					throw new IOException("The worker's output ended in the middle of a frame");
				}
				return null;
			}
		}
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

	private Frame skipOversize() throws IOException {
		long id = parseId();
		while (true) {
			int newline = indexOfNewline();
			if (newline >= 0) {
				this.start = newline + 1;
				this.scanned = this.start;
				return new Frame(null, 0, 0, id);
			}
			this.start = this.end;
			if (!fill()) {
				throw new IOException("The worker's output ended in the middle of an oversize frame");
			}
		}
	}

	private long parseId() {
		int i = this.start + Worker.FRAME_ID_PREFIX.length;
		long id = 0;
		boolean digits = false;
		while (i < this.end && this.buffer[i] >= '0' && this.buffer[i] <= '9') {
			id = id * 10 + (this.buffer[i++] - '0');
			digits = true;
		}
		return digits ? id : -1;
	}

	private boolean fill() throws IOException {
		if (this.start > 0) {
			System.arraycopy(this.buffer, this.start, this.buffer, 0, this.end - this.start);
			this.end -= this.start;
			this.scanned -= this.start;
			this.start = 0;
		}
		if (this.end == this.buffer.length) {
			this.buffer = Arrays.copyOf(this.buffer, this.buffer.length * 2);
		}
		int read = this.in.read(this.buffer, this.end, this.buffer.length - this.end);
		if (read < 0) {
			return false;
		}
		this.end += read;
		return true;
	}

}
