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

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker's shared-memory file for large binary segments, so that they need not
 * cross the pipe. Created under {@code /dev/shm} before the worker starts and named to
 * it; the worker opens it and unlinks the name at once, and this side deletes the name
 * too once the worker has said hello or ended: nothing is left in {@code /dev/shm}
 * whichever side dies. The file is a 4 KiB header and two areas of {@code capacity}
 * bytes, Java to Python first.
 * <p>
 * A frame's segment that lies in the file is announced on the pipe with its length
 * negated in the frame's table, and described (offset, length) in its direction's
 * table in the header. Java to Python: {@link #place} copies each segment of at least
 * {@link #THRESHOLD} bytes into a region of its own, where no region the worker still
 * holds lies, and describes it with its number in a free slot; the worker reads it in
 * place and zeroes the slot's length once no Python object refers to it, so what Python
 * keeps never changes. Python to Java: a segment lies either in the Python to Java area
 * or, sent where it lies, in a region of the Java to Python area that the worker still
 * holds; {@link #take} copies it straight into the array it hands on and counts it
 * read. Where there is no room, no free slot or no shared file, segments take the pipe.
 * Large segments are copied in and out on two threads ({@link SplitCopy}).
 * <p>
 * The header also holds the cancel slots: the count of calls this side has cancelled
 * and a ring of the last {@value #CANCEL_SLOTS} of their ids, which the worker's
 * interrupter reads while its main thread is busy running a call, so that cancelling a
 * plain call stops it in Python.
 * <p>
 * Thread-safety: {@link #place} runs under the request writer's lock, {@link #take} on
 * the one thread that reads replies.
 */
final class SharedSegments {

	private static final Logger logger = LoggerFactory.getLogger(SharedSegments.class);

	/** Segments of at least this many bytes take the shared area when it is free. */
	static final int THRESHOLD = 1 << 17;

	static final int HEADER = 4096;

	private static final int ALIGN = 64;

	/** Python to Java segments this side has read. */
	private static final int PYTHON_TAKEN = 8;

	/** How many calls this side has cancelled (written after the id). */
	private static final int CANCELS = 16;

	/** The ids of the last {@value #CANCEL_SLOTS} cancelled calls, the n-th at slot n % {@value #CANCEL_SLOTS}. */
	private static final int CANCEL_RING = 24;

	static final int CANCEL_SLOTS = 16;

	/**
	 * The (offset, length, number, 0) of the Java to Python segments that the worker
	 * holds, in any slot whose length was 0; the worker zeroes a length to free the
	 * region and the slot.
	 */
	private static final int JAVA_REGIONS = 1024;

	/** The (offset, length) of the Python to Java segments, the n-th in slot n % {@value #RING_SLOTS}: written by the worker. */
	private static final int PYTHON_RING = 3072;

	static final int RING_SLOTS = 64;

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

	/** Java to Python segments placed. */
	private long placed;

	/** Python to Java segments read. */
	private long taken;

	private long reserved;

	private boolean growable = true;

	private long cancels;

	/** How large segments are copied into and out of the file. */
	private final SplitCopy copies;

	private SharedSegments(Path path, int capacity, FileChannel channel, MappedByteBuffer map, SplitCopy copies) {
		this.path = path;
		this.capacity = capacity;
		this.channel = channel;
		this.map = map;
		this.copies = copies;
	}

	/**
	 * A new shared file with areas for segments up to {@code maxFrameBytes}, or
	 * {@code null} where none can be made (no {@code /dev/shm}) or the system property
	 * {@value #ENABLED_PROPERTY} is {@code false}: then the pipe carries everything.
	 * Segments are copied in and out with {@code copies}.
	 */
	static SharedSegments create(int maxFrameBytes, SplitCopy copies) {
		if (!Boolean.parseBoolean(System.getProperty(ENABLED_PROPERTY, "true")) || !Files.isDirectory(DIRECTORY)
				|| !Files.isWritable(DIRECTORY)) {
			return null;
		}
		int capacity = (int) Math.min(MAX_CAPACITY, (maxFrameBytes + (long) ALIGN - 1) & -ALIGN);
		// unique, not secret: the file is created new (never an existing one) and for the owner alone
		Path path = DIRECTORY.resolve("esem-" + ProcessHandle.current().pid() + "-"
				+ Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE));
		FileChannel channel = null;
		try {
			channel = FileChannel.open(path, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
					StandardOpenOption.WRITE), OWNER_ONLY);
			long size = HEADER + 2L * capacity;
			channel.write(ByteBuffer.allocate(HEADER), 0); // the header's pages, reserved
			channel.write(ByteBuffer.allocate(1), size - 1); // sparse up to its size
			return new SharedSegments(path, capacity, channel, channel.map(FileChannel.MapMode.READ_WRITE, 0, size),
					copies);
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

	/** Whether the worker opened the file, so large segments can take it. */
	boolean enabled() {
		return this.enabled;
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
		LONGS.set(buffer, CANCEL_RING + 8 * (int) (this.cancels % CANCEL_SLOTS), id);
		LONGS.setRelease(buffer, CANCELS, ++this.cancels);
		return true;
	}

	/**
	 * Puts the large ones of a frame's {@code segments} into regions of the Java to
	 * Python area that the worker does not hold; returns which ones it placed, or
	 * {@code null} when none. Under the request writer's lock, which writes the frame
	 * next: the segments' numbers follow the order of the frames on the pipe.
	 */
	boolean[] place(List<byte[]> segments) {
		MappedByteBuffer buffer = this.map;
		if (!this.enabled || buffer == null) {
			return null;
		}
		boolean[] placed = null;
		for (int i = 0; i < segments.size(); i++) {
			byte[] segment = segments.get(i);
			int slot = (segment.length < THRESHOLD) ? -1 : freeSlot(buffer);
			long at = (slot < 0) ? -1 : freeRegion(buffer, segment.length);
			if (at < 0 || !reserve(at + segment.length)) {
				continue;
			}
			this.copies.into(buffer, (int) at, segment);
			LONGS.set(buffer, slot, at);
			LONGS.set(buffer, slot + 16, this.placed++);
			LONGS.setRelease(buffer, slot + 8, (long) segment.length);
			if (placed == null) {
				placed = new boolean[segments.size()];
			}
			placed[i] = true;
		}
		return placed;
	}

	/** The header offset of a slot the worker does not hold, or -1. */
	private static int freeSlot(MappedByteBuffer buffer) {
		for (int slot = JAVA_REGIONS; slot < JAVA_REGIONS + 32 * RING_SLOTS; slot += 32) {
			if ((long) LONGS.getAcquire(buffer, slot + 8) == 0) {
				return slot;
			}
		}
		return -1;
	}

	/**
	 * The file offset of the lowest gap of {@code n} bytes in the Java to Python area
	 * between the regions the worker holds (slots with a length), or -1.
	 */
	private long freeRegion(MappedByteBuffer buffer, int n) {
		long[] starts = new long[RING_SLOTS];
		long[] ends = new long[RING_SLOTS];
		int held = 0;
		for (int slot = JAVA_REGIONS; slot < JAVA_REGIONS + 32 * RING_SLOTS; slot += 32) {
			long length = (long) LONGS.getAcquire(buffer, slot + 8);
			if (length > 0) {
				starts[held] = (long) LONGS.get(buffer, slot);
				ends[held] = starts[held] + length;
				held++;
			}
		}
		long at = HEADER;
		boolean moved = true;
		while (moved) { // up past every region it overlaps, until none does
			moved = false;
			for (int i = 0; i < held; i++) {
				if (at < ends[i] && starts[i] < at + n) {
					at = aligned(ends[i]);
					moved = true;
				}
			}
		}
		return (at + n <= HEADER + (long) this.capacity) ? at : -1;
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
			for (long at = Math.max(this.reserved, HEADER); at < to; at += zeros.capacity()) {
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
	 * Copies the segments of one frame that lie in the file (negative {@code lengths})
	 * into new arrays in {@code into} (only counts them read when {@code into} is
	 * {@code null}, for a frame that is skipped), from where the worker's ring says they
	 * lie. On the reading thread.
	 */
	void take(long[] lengths, byte[][] into) {
		MappedByteBuffer buffer = this.map;
		if (buffer == null) {
			throw new IllegalStateException("A frame from the worker names shared segments, but none are mapped");
		}
		for (int i = 0; i < lengths.length; i++) {
			if (lengths[i] < 0) {
				int slot = PYTHON_RING + 16 * (int) (this.taken++ % RING_SLOTS);
				long at = (long) LONGS.get(buffer, slot);
				long n = -lengths[i];
				if ((long) LONGS.get(buffer, slot + 8) != n || at < HEADER || at + n > HEADER + 2L * this.capacity) {
					throw new IllegalStateException("A shared segment from the worker lies outside the shared file");
				}
				if (into != null) {
					into[i] = new byte[(int) n];
					this.copies.outOf(buffer, (int) at, into[i]);
				}
			}
		}
		LONGS.setRelease(buffer, PYTHON_TAKEN, this.taken);
	}

	/** The worker has ended: drops the mapping (its memory goes once it is collected) and the name. */
	void close() {
		this.enabled = false;
		this.map = null;
		closeQuietly(this.channel);
		deleteQuietly(this.path);
	}

	private static long aligned(long n) {
		return (n + ALIGN - 1) & -ALIGN;
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
