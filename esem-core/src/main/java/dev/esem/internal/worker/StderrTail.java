package dev.esem.internal.worker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains a worker's stderr on its own thread, so a chatty worker never blocks, logs
 * each line with the worker id, and keeps the last lines for crash reports.
 * <p>
 * Lines end at {@code \n}, {@code \r} or {@code \r\n}. A line longer than
 * {@link #MAX_LINE_BYTES} keeps its head and ends with a marker saying how many bytes
 * were cut; the rest is read and dropped, so no output, however long its lines, can
 * exhaust memory or stop the draining.
 */
final class StderrTail implements Runnable {

	private static final Logger logger = LoggerFactory.getLogger("dev.esem.worker.stderr");

	static final int MAX_LINE_BYTES = 16 * 1024;

	private static final int KEPT_LINES = 20;

	private final InputStream stderr;

	private final String workerName;

	private final Deque<String> lastLines = new ArrayDeque<>();

	private final byte[] line = new byte[MAX_LINE_BYTES];

	private int length;

	/** Bytes of the current line dropped beyond {@link #MAX_LINE_BYTES}. */
	private long cut;

	/** Whether the last byte read was {@code \r}, so that a {@code \n} right after it ends no line. */
	private boolean afterCarriageReturn;

	StderrTail(InputStream stderr, String workerName) {
		this.stderr = stderr;
		this.workerName = workerName;
	}

	@Override
	public void run() {
		byte[] buffer = new byte[64 * 1024];
		try (InputStream in = this.stderr) {
			int count;
			while ((count = in.read(buffer)) != -1) {
				accept(buffer, count);
			}
			if (this.length > 0 || this.cut > 0) {
				endLine();
			}
		}
		catch (IOException ex) {
			logger.debug("[{}] stderr closed: {}", this.workerName, ex.toString());
		}
	}

	/** Splits {@code count} bytes read into lines; the last one may go on in the next read. */
	void accept(byte[] bytes, int count) {
		int start = 0;
		for (int i = 0; i < count; i++) {
			byte b = bytes[i];
			if (b != '\n' && b != '\r') {
				continue;
			}
			if (i > start) {
				append(bytes, start, i - start);
				this.afterCarriageReturn = false;
			}
			if (b == '\n' && this.afterCarriageReturn) {
				this.afterCarriageReturn = false; // the second half of \r\n
			}
			else {
				endLine();
				this.afterCarriageReturn = b == '\r';
			}
			start = i + 1;
		}
		if (count > start) {
			append(bytes, start, count - start);
			this.afterCarriageReturn = false;
		}
	}

	private void append(byte[] bytes, int offset, int count) {
		int kept = Math.min(count, MAX_LINE_BYTES - this.length);
		System.arraycopy(bytes, offset, this.line, this.length, kept);
		this.length += kept;
		this.cut += count - kept;
	}

	private void endLine() {
		String text;
		if (this.cut == 0) {
			text = new String(this.line, 0, this.length, StandardCharsets.UTF_8);
		}
		else {
			int whole = wholeCharacters(this.line, this.length);
			text = new String(this.line, 0, whole, StandardCharsets.UTF_8) + " ... [cut: "
					+ (this.cut + this.length - whole) + " bytes]";
		}
		this.length = 0;
		this.cut = 0;
		logger.info("[{}] {}", this.workerName, text);
		synchronized (this.lastLines) {
			if (this.lastLines.size() == KEPT_LINES) {
				this.lastLines.removeFirst();
			}
			this.lastLines.addLast(text);
		}
	}

	/** The length of the UTF-8 bytes without a character that the cut split. */
	static int wholeCharacters(byte[] bytes, int length) {
		int lead = length - 1;
		while (lead >= 0 && lead > length - 4 && (bytes[lead] & 0xC0) == 0x80) {
			lead--; // continuation bytes: find the start of the last character
		}
		if (lead < 0) {
			return length;
		}
		int b = bytes[lead] & 0xFF;
		int size = (b < 0x80) ? 1 : (b >= 0xF0) ? 4 : (b >= 0xE0) ? 3 : (b >= 0xC0) ? 2 : 1;
		return (lead + size <= length) ? length : lead;
	}

	/** The last lines, joined, or an empty string. */
	String lastLines() {
		synchronized (this.lastLines) {
			return String.join("\n", this.lastLines);
		}
	}

}
