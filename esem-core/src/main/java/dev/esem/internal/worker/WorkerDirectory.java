package dev.esem.internal.worker;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The worker package unpacked into a directory that this user alone can write, named by
 * the hash of the package and kept between runs: Python then caches the package's
 * compiled bytecode there ({@code __pycache__}) and later workers, in this JVM or the
 * next, start without compiling it again. Run from the zip itself, every worker compiled
 * all of the package's source at start-up, most of the time a worker took to say hello.
 * <p>
 * A directory that is not this user's own, or that others may write, is never used; a
 * fresh one is unpacked next to it under another name instead.
 */
final class WorkerDirectory {

	private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

	private static final String COMPLETE = ".complete";

	private WorkerDirectory() {
	}

	/**
	 * The package unpacked from {@code zipBytes} (the contents of the zip) in
	 * {@code parent}: the directory shared by this user's JVMs, or this JVM's own copy.
	 */
	static Unpacked of(Path parent, byte[] zipBytes) throws IOException {
		String name = "esem-worker-" + System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9_.-]", "_") + "-"
				+ hash(zipBytes);
		Path directory = parent.resolve(name);
		if (usable(directory)) {
			return new Unpacked(directory, false);
		}
		Path fresh = Files.createTempDirectory(parent, name + "-");
		unpack(zipBytes, fresh);
		try {
			Files.move(fresh, directory, StandardCopyOption.ATOMIC_MOVE);
			return new Unpacked(directory, false);
		}
		catch (FileSystemException ex) { // the name is taken (or cannot be moved to atomically)
			if (usable(directory)) { // another JVM unpacked it at the same time
				deleteTree(fresh);
				return new Unpacked(directory, false);
			}
			// someone else's: use our own copy under its own name, for this JVM only
			Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(fresh)));
			return new Unpacked(fresh, true);
		}
	}

	/**
	 * Where the package is; {@code ownCopy} when it is this JVM's alone, to be removed
	 * when the JVM ends (by a worker's reaper, if the JVM is killed).
	 */
	record Unpacked(Path directory, boolean ownCopy) {
	}

	/** Whether {@code directory} is a complete unpacking that this user alone owns and can write. */
	private static boolean usable(Path directory) throws IOException {
		if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)
				|| !Files.exists(directory.resolve(COMPLETE), LinkOption.NOFOLLOW_LINKS)) {
			return false;
		}
		try {
			return Files.getOwner(directory, LinkOption.NOFOLLOW_LINKS).getName()
				.equals(System.getProperty("user.name"))
					&& Files.getPosixFilePermissions(directory, LinkOption.NOFOLLOW_LINKS).equals(OWNER_ONLY);
		}
		catch (UnsupportedOperationException ex) {
			return false; // no POSIX permissions to check: always a fresh directory
		}
	}

	private static void unpack(byte[] zipBytes, Path target) throws IOException {
		try {
			Files.setPosixFilePermissions(target, OWNER_ONLY);
		}
		catch (UnsupportedOperationException ex) {
			// a file system without POSIX permissions: the directory is never reused (see usable)
		}
		try (ZipInputStream zip = new ZipInputStream(new java.io.ByteArrayInputStream(zipBytes))) {
			ZipEntry entry;
			while ((entry = zip.getNextEntry()) != null) {
				Path file = target.resolve(entry.getName()).normalize();
				if (!file.startsWith(target)) {
					throw new IOException("The worker package holds an entry outside its directory: " + entry.getName());
				}
				if (entry.isDirectory()) {
					Files.createDirectories(file);
				}
				else {
					Files.createDirectories(file.getParent());
					Files.copy(zip, file);
				}
			}
		}
		Files.createFile(target.resolve(COMPLETE));
	}

	private static String hash(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 12);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void deleteTree(Path root) {
		try (Stream<Path> files = Files.walk(root)) {
			files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
		catch (IOException ex) {
			// a leftover temporary directory; nothing depends on it
		}
	}

}
