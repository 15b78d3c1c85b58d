package dev.esem.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The raw pipe floor for bulk data: {@code bulk_echo.py} reads a length and that many
 * bytes, and writes them back; Java writes them (in the 64 KiB slices esem writes in)
 * and reads the echo, with nothing else in the way.
 */
final class BulkPeer implements AutoCloseable {

	private static final int SLICE = 1 << 16;

	private final Process process;

	private final OutputStream out;

	private final InputStream in;

	BulkPeer(String python, Path script) throws IOException {
		this.process = new ProcessBuilder(List.of(python, "-u", script.toString()))
			.directory(script.getParent().toFile())
			.redirectError(ProcessBuilder.Redirect.INHERIT)
			.start();
		this.out = this.process.getOutputStream();
		this.in = this.process.getInputStream();
	}

	/** Milliseconds per echo of {@code data}, {@code count} in a row. */
	double echoMillis(byte[] data, int count) throws IOException {
		byte[] header = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(data.length).array();
		byte[] echo = new byte[data.length];
		long begin = System.nanoTime();
		for (int i = 0; i < count; i++) {
			this.out.write(header);
			for (int at = 0; at < data.length; at += SLICE) {
				this.out.write(data, at, Math.min(SLICE, data.length - at));
			}
			this.out.flush();
			for (int at = 0; at < echo.length;) {
				int read = this.in.read(echo, at, Math.min(SLICE, echo.length - at));
				if (read < 0) {
					throw new IOException("The Python floor process ended");
				}
				at += read;
			}
		}
		return (System.nanoTime() - begin) / 1e6 / count;
	}

	@Override
	public void close() throws Exception {
		this.out.close();
		if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

}
