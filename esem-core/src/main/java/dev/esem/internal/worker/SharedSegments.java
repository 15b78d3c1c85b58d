package dev.esem.internal.worker;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import dev.esem.internal.protocol.Wire;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker's shared-memory file for large binary segments, so that they need not
 * cross the pipe. Created under {@code /dev/shm} before the worker starts and named to
 * it; the worker opens it and unlinks the name at once, and this side deletes the name
 * too once the worker has said hello or ended: nothing is left in {@code /dev/shm}
 * whichever side dies. The file is a 4 KiB header and two areas of {@code capacity}
 * bytes, Java to Python first (its layout: {@link Wire}).
 * <p>
 * A sender puts a frame's segments of at least {@link #THRESHOLD} bytes into its area,
 * one after the other at 64-byte boundaries, and announces them on the pipe with their
 * lengths negated in the frame's table; the receiver copies them out before it hands the
 * frame on and then counts the frame consumed in the header. A sender uses its area only
 * once every frame it put there has been consumed; otherwise, and where no shared area
 * exists, segments take the pipe. So what a receiver keeps is always its own copy, and
 * an area is never written while it is read.
 * <p>
 * The header also holds the cancel slots: the count of calls this side has cancelled
 * and a ring of the last {@value Wire#SHM_CANCEL_SLOTS} of their ids, which the worker's
 * interrupter reads while its main thread is busy running a call, so that cancelling a
 * plain call stops it in Python.
 * <p>
 * Thread-safety: {@link #place} runs under the request writer's lock, {@link #take} on
 * the one thread that reads replies; they touch different areas.
 */
final class SharedSegments {

	private static final Logger logger = LoggerFactory.getLogger(SharedSegments.class);

	/** Segments of at least this many bytes take the shared area when it is free. */
	static final int THRESHOLD = 1 << 17;

	private static final Path DIRECTORY = Path.of("/dev/shm");

	/** Set to {@code false}, workers started afterwards take every segment through the pipe. */
	static final String ENABLED_PROPERTY = "esem.shared-memory";

	/** The most each area holds: an int indexes the mapping. */
	private static final int MAX_CAPACITY = 512 << 20;

	private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class,
			ByteOrder.LITTLE_ENDIAN);

	/** Created for the owner alone: the segments are the application's data. */
	private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY = PosixFilePermissions
		.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

	private final Path path;

	private final int capacity;

	private final FileChannel channel;

	private volatile MappedByteBuffer map;

	/** Whether the worker opened the file (its hello said so). */
	private volatile boolean enabled;

	private long sent;

	private long consumed;

	private long reserved;

	private boolean growable = true;

	private long cancels;

	private SharedSegments(Path path, int capacity, FileChannel channel, MappedByteBuffer map) {
		this.path = path;
		this.capacity = capacity;
		this.channel = channel;
		this.map = map;
	}

	/**
	 * A new shared file with areas for segments up to {@code maxFrameBytes}, or
	 * {@code null} where none can be made (no {@code /dev/shm}) or the system property
	 * {@value #ENABLED_PROPERTY} is {@code false}: then the pipe carries everything.
	 */
	static SharedSegments create(int maxFrameBytes) {
		if (!Boolean.parseBoolean(System.getProperty(ENABLED_PROPERTY, "true")) || !Files.isDirectory(DIRECTORY)
				|| !Files.isWritable(DIRECTORY)) {
			return null;
		}
		int capacity = (int) Math.min(MAX_CAPACITY, (maxFrameBytes + (long) Wire.SHM_ALIGN - 1) & -Wire.SHM_ALIGN);
		// unique, not secret: the file is created new (never an existing one) and for the owner alone
		Path path = DIRECTORY.resolve("esem-" + ProcessHandle.current().pid() + "-"
				+ Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE));
		FileChannel channel = null;
		try {
			channel = FileChannel.open(path, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
					StandardOpenOption.WRITE), OWNER_ONLY);
			long size = Wire.SHM_HEADER + 2L * capacity;
			channel.write(ByteBuffer.allocate(Wire.SHM_HEADER), 0); // the header's pages, reserved
			channel.write(ByteBuffer.allocate(1), size - 1); // sparse up to its size
			return new SharedSegments(path, capacity, channel, channel.map(FileChannel.MapMode.READ_WRITE, 0, size));
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("No shared memory for binary segments: {}", ex.toString());
			closeQuietly(channel);
			deleteQuietly(path);
			return null;
		}
	}

	Path path() {
		return this.path;
	}

	int capacity() {
		return this.capacity;
	}

	/** The worker said hello: it opened the file (or not) and the name can go. */
	void helloSaid(boolean opened) {
		this.enabled = opened && this.map != null;
		deleteQuietly(this.path);
	}

	/**
	 * Tells the worker that the call with this request id was cancelled: its interrupter
	 * stops it if it is running, its main thread skips it if it has not read it yet.
	 * Returns whether the worker can be told so (it opened the file).
	 */
	synchronized boolean cancel(long id) {
		MappedByteBuffer buffer = this.map;
		if (!this.enabled || buffer == null) {
			return false;
		}
		LONGS.set(buffer, Wire.SHM_CANCEL_RING + 8 * (int) (this.cancels % Wire.SHM_CANCEL_SLOTS), id);
		LONGS.setRelease(buffer, Wire.SHM_CANCELS, ++this.cancels);
		return true;
	}

	/**
	 * Puts the large ones of a frame's {@code segments} into the Java to Python area when
	 * it is free; returns which ones it placed, or {@code null} when none. Under the
	 * request writer's lock.
	 */
	boolean[] place(List<byte[]> segments) {
		MappedByteBuffer buffer = this.map;
		if (!this.enabled || buffer == null || (long) LONGS.getAcquire(buffer, Wire.SHM_JAVA_CONSUMED) != this.sent) {
			return null;
		}
		boolean[] placed = null;
		long at = 0;
		for (int i = 0; i < segments.size(); i++) {
			int n = segments.get(i).length;
			if (n >= THRESHOLD && at + n <= this.capacity && reserve(Wire.SHM_HEADER + at + n)) {
				if (placed == null) {
					placed = new boolean[segments.size()];
				}
				placed[i] = true;
				buffer.put(Wire.SHM_HEADER + (int) at, segments.get(i));
				at = aligned(at + n);
			}
		}
		if (placed != null) {
			this.sent++;
		}
		return placed;
	}

	/** Makes sure the file's pages up to {@code end} exist, so a full /dev/shm fails here and not in a write to the mapping. */
	private boolean reserve(long end) {
		if (end <= this.reserved) {
			return true;
		}
		if (!this.growable) {
			return false;
		}
		long to = aligned(end);
		try {
			ByteBuffer zeros = ByteBuffer.allocate(1 << 16);
			for (long at = Math.max(this.reserved, Wire.SHM_HEADER); at < to; at += zeros.capacity()) {
				zeros.clear().limit((int) Math.min(zeros.capacity(), to - at));
				while (zeros.hasRemaining()) {
					this.channel.write(zeros, at + zeros.position());
				}
			}
			this.reserved = to;
			return true;
		}
		catch (IOException ex) {
			logger.debug("Shared memory for binary segments is full: {}", ex.toString());
			this.growable = false;
			return false;
		}
	}

	/**
	 * Copies the segments of one frame that lie in the Python to Java area (negative
	 * {@code lengths}) into {@code into}, and counts the frame consumed. On the reading
	 * thread.
	 */
	void take(long[] lengths, byte[][] into) {
		MappedByteBuffer buffer = this.map;
		if (buffer == null) {
			throw new IllegalStateException("A frame from the worker names shared segments, but none are mapped");
		}
		long at = Wire.SHM_HEADER + (long) this.capacity;
		for (int i = 0; i < lengths.length; i++) {
			if (lengths[i] < 0) {
				int n = (int) -lengths[i];
				if (at + n > Wire.SHM_HEADER + 2L * this.capacity) {
					throw new IllegalStateException("A shared segment from the worker lies outside its area");
				}
				into[i] = new byte[n];
				buffer.get((int) at, into[i]);
				at = aligned(at + n);
			}
		}
		LONGS.setRelease(buffer, Wire.SHM_PYTHON_CONSUMED, ++this.consumed);
	}

	/** The worker has ended: drops the mapping (its memory goes once it is collected) and the name. */
	void close() {
		this.enabled = false;
		this.map = null;
		closeQuietly(this.channel);
		deleteQuietly(this.path);
	}

	private static long aligned(long n) {
		return (n + Wire.SHM_ALIGN - 1) & -Wire.SHM_ALIGN;
	}

	private static void closeQuietly(FileChannel channel) {
		if (channel != null) {
			try {
				channel.close();
			}
			catch (IOException ex) {
				// nothing to do
			}
		}
	}

	private static void deleteQuietly(Path path) {
		try {
			Files.deleteIfExists(path);
		}
		catch (IOException ex) {
			logger.debug("Could not delete {}: {}", path, ex.toString());
		}
	}

}
