package dev.esem.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * A Python script that answers each line it reads with one line, over the process's
 * pipes: the floors that esem is measured against, with the least Java work possible.
 */
final class LinePeer implements AutoCloseable {

	private final Process process;

	private final OutputStream out;

	private final InputStream in;

	private final byte[] buffer = new byte[1 << 16];

	private int start;

	private int end;

	LinePeer(String python, Path script) throws IOException {
		this.process = new ProcessBuilder(List.of(python, "-u", script.toString()))
			.directory(script.getParent().toFile())
			.redirectError(ProcessBuilder.Redirect.INHERIT)
			.start();
		this.out = this.process.getOutputStream();
		this.in = this.process.getInputStream();
	}

	/** Sends a line (with its newline) and returns the reply line, as text. */
	String ask(String line) throws IOException {
		send(line.getBytes(StandardCharsets.UTF_8));
		return readLine();
	}

	/** Microseconds per round trip of {@code line} (with its newline), {@code count} times in a row. */
	double roundTripMicros(byte[] line, int count) throws IOException {
		long begin = System.nanoTime();
		for (int i = 0; i < count; i++) {
			send(line);
			skipLine();
		}
		return (System.nanoTime() - begin) / 1e3 / count;
	}

	/**
	 * Calls per second with {@code inFlight} lines outstanding: a writer thread sends,
	 * this thread reads.
	 */
	double pipelinedPerSecond(int count, int inFlight, IntFunction<byte[]> lines) throws Exception {
		Semaphore window = new Semaphore(inFlight);
		Exception[] failure = new Exception[1];
		Thread writer = new Thread(() -> {
			try {
				for (int i = 0; i < count; i++) {
					window.acquire();
					send(lines.apply(i));
				}
			}
			catch (Exception ex) {
				failure[0] = ex;
			}
		}, "floor-writer");
		long begin = System.nanoTime();
		writer.start();
		for (int i = 0; i < count; i++) {
			skipLine();
			window.release();
		}
		long elapsed = System.nanoTime() - begin;
		writer.join();
		if (failure[0] != null) {
			throw failure[0];
		}
		return count / (elapsed / 1e9);
	}

	private void send(byte[] line) throws IOException {
		this.out.write(line);
		this.out.flush();
	}

	private void skipLine() throws IOException {
		while (true) {
			for (int i = this.start; i < this.end; i++) {
				if (this.buffer[i] == '\n') {
					this.start = i + 1;
					return;
				}
			}
			this.start = this.end;
			fill();
		}
	}

	private String readLine() throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		while (true) {
			for (int i = this.start; i < this.end; i++) {
				if (this.buffer[i] == '\n') {
					line.write(this.buffer, this.start, i - this.start);
					this.start = i + 1;
					return line.toString(StandardCharsets.UTF_8);
				}
			}
			line.write(this.buffer, this.start, this.end - this.start);
			this.start = this.end;
			fill();
		}
	}

	private void fill() throws IOException {
		int read = this.in.read(this.buffer, 0, this.buffer.length);
		if (read < 0) {
			throw new IOException("The Python floor process ended");
		}
		this.start = 0;
		this.end = read;
	}

	@Override
	public void close() throws Exception {
		this.out.close();
		if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

}
