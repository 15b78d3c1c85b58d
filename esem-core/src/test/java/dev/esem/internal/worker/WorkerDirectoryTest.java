package dev.esem.internal.worker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class WorkerDirectoryTest {

	@TempDir
	Path parent;

	static byte[] zip(String text) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			zip.putNextEntry(new ZipEntry("esem_worker/"));
			zip.putNextEntry(new ZipEntry("esem_worker/__init__.py"));
			zip.write(text.getBytes(StandardCharsets.UTF_8));
		}
		return bytes.toByteArray();
	}

	@Test
	void thePackageIsUnpackedOnceIntoADirectoryOnlyItsOwnerCanWrite() throws IOException {
		byte[] zip = zip("# one");
		Path first = WorkerDirectory.of(this.parent, zip);
		assertThat(first.resolve("esem_worker/__init__.py")).hasContent("# one");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(first))).isEqualTo("rwx------");
		Files.writeString(first.resolve("esem_worker/cached.pyc"), "bytecode"); // what Python caches there
		assertThat(WorkerDirectory.of(this.parent, zip)).isEqualTo(first);
		assertThat(first.resolve("esem_worker/cached.pyc")).exists();
	}

	@Test
	void anotherPackageGetsAnotherDirectory() throws IOException {
		assertThat(WorkerDirectory.of(this.parent, zip("# one"))).isNotEqualTo(WorkerDirectory.of(this.parent, zip("# two")));
	}

	@Test
	void aDirectoryOthersCanWriteIsNeverUsed() throws IOException {
		byte[] zip = zip("# one");
		Path first = WorkerDirectory.of(this.parent, zip);
		Files.setPosixFilePermissions(first, PosixFilePermissions.fromString("rwxrwxrwx"));
		Files.writeString(first.resolve("esem_worker/__init__.py"), "# planted");
		Path second = WorkerDirectory.of(this.parent, zip);
		assertThat(second).isNotEqualTo(first);
		assertThat(second.resolve("esem_worker/__init__.py")).hasContent("# one");
	}

	@Test
	void anUnfinishedUnpackingIsNotUsed() throws IOException {
		byte[] zip = zip("# one");
		Path first = WorkerDirectory.of(this.parent, zip);
		Files.delete(first.resolve(".complete"));
		Files.writeString(first.resolve("esem_worker/__init__.py"), "# cut");
		Path second = WorkerDirectory.of(this.parent, zip);
		assertThat(second).isNotEqualTo(first);
		assertThat(second.resolve("esem_worker/__init__.py")).hasContent("# one");
	}

}
