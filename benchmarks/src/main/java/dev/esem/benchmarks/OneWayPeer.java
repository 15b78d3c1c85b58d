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
 * The raw pipe floor for bulk data that goes one way: {@code bulk_oneway.py} writes a
 * number of bytes that Java reads, or reads the bytes that Java writes and answers with
 * one byte, in the 64 KiB slices esem reads and writes in, with nothing else in the way.
 */
final class OneWayPeer implements AutoCloseable {

	private static final int SLICE = 1 << 16;

	private final Process process;

	private final OutputStream out;

	private final InputStream in;

	OneWayPeer(String python, Path script) throws IOException {
		this.process = new ProcessBuilder(List.of(python, "-u", script.toString()))
			.directory(script.getParent().toFile())
			.redirectError(ProcessBuilder.Redirect.INHERIT)
			.start();
		this.out = this.process.getOutputStream();
		this.in = this.process.getInputStream();
	}

	/** Milliseconds for Python to send {@code size} bytes that Java reads into one array. */
	double fromPythonMillis(int size) throws IOException {
		long begin = System.nanoTime();
		this.out.write(header('S', size));
		this.out.flush();
		byte[] data = new byte[size];
		for (int at = 0; at < size;) {
			int read = this.in.read(data, at, Math.min(SLICE, size - at));
			if (read < 0) {
				throw new IOException("The Python floor process ended");
			}
			at += read;
		}
		return (System.nanoTime() - begin) / 1e6;
	}

	/** Milliseconds for Java to send {@code data} that Python reads, until Python answers. */
	double toPythonMillis(byte[] data) throws IOException {
		long begin = System.nanoTime();
		this.out.write(header('R', data.length));
		for (int at = 0; at < data.length; at += SLICE) {
			this.out.write(data, at, Math.min(SLICE, data.length - at));
		}
		this.out.flush();
		if (this.in.read() < 0) {
			throw new IOException("The Python floor process ended");
		}
		return (System.nanoTime() - begin) / 1e6;
	}

	private static byte[] header(char mode, long size) {
		return ByteBuffer.allocate(9).order(ByteOrder.LITTLE_ENDIAN).put((byte) mode).putLong(size).array();
	}

	@Override
	public void close() throws Exception {
		this.out.close();
		if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

}
