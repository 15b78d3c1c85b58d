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
 * The raw pipe floors for bulk data, with nothing else in the way: {@code bulk_peer.py}
 * echoes the bytes Java writes, sends bytes that Java reads, or reads the bytes Java
 * writes and answers with one byte; both sides read and write in the 64 KiB slices esem
 * reads and writes in.
 */
final class BulkPeer implements AutoCloseable {

	private static final int SLICE = 1 << 16;

	private final Process process;

	private final OutputStream out;

	private final InputStream in;

	BulkPeer(String python, Path scripts) throws IOException {
		Path script = scripts.resolve("bulk_peer.py");
		this.process = new ProcessBuilder(List.of(python, "-u", script.toString()))
			.directory(scripts.toFile())
			.redirectError(ProcessBuilder.Redirect.INHERIT)
			.start();
		this.out = this.process.getOutputStream();
		this.in = this.process.getInputStream();
	}

	/** Milliseconds per echo of {@code data}, {@code count} in a row. */
	double echoMillis(byte[] data, int count) throws IOException {
		byte[] header = header('E', data.length);
		byte[] echo = new byte[data.length];
		long begin = System.nanoTime();
		for (int i = 0; i < count; i++) {
			this.out.write(header);
			write(data);
			readFully(echo);
		}
		return (System.nanoTime() - begin) / 1e6 / count;
	}

	/** Milliseconds for Python to send {@code size} bytes that Java reads into one array. */
	double fromPythonMillis(int size) throws IOException {
		long begin = System.nanoTime();
		this.out.write(header('S', size));
		this.out.flush();
		readFully(new byte[size]);
		return (System.nanoTime() - begin) / 1e6;
	}

	/** Milliseconds for Java to send {@code data} that Python reads, until Python answers. */
	double toPythonMillis(byte[] data) throws IOException {
		long begin = System.nanoTime();
		this.out.write(header('R', data.length));
		write(data);
		if (this.in.read() < 0) {
			throw new IOException("The Python floor process ended");
		}
		return (System.nanoTime() - begin) / 1e6;
	}

	private void write(byte[] data) throws IOException {
		for (int at = 0; at < data.length; at += SLICE) {
			this.out.write(data, at, Math.min(SLICE, data.length - at));
		}
		this.out.flush();
	}

	private void readFully(byte[] data) throws IOException {
		for (int at = 0; at < data.length;) {
			int read = this.in.read(data, at, Math.min(SLICE, data.length - at));
			if (read < 0) {
				throw new IOException("The Python floor process ended");
			}
			at += read;
		}
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
