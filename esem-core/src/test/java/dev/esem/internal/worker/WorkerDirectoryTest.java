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
		Path first = WorkerDirectory.of(this.parent, zip).directory();
		assertThat(first.resolve("esem_worker/__init__.py")).hasContent("# one");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(first))).isEqualTo("rwx------");
		Files.writeString(first.resolve("esem_worker/cached.pyc"), "bytecode"); // what Python caches there
		assertThat(WorkerDirectory.of(this.parent, zip).directory()).isEqualTo(first);
		assertThat(first.resolve("esem_worker/cached.pyc")).exists();
	}

	@Test
	void anotherPackageGetsAnotherDirectory() throws IOException {
		assertThat(WorkerDirectory.of(this.parent, zip("# one")).directory())
			.isNotEqualTo(WorkerDirectory.of(this.parent, zip("# two")).directory());
	}

	@Test
	void aDirectoryOthersCanWriteIsNeverUsed() throws IOException {
		byte[] zip = zip("# one");
		WorkerDirectory.Unpacked shared = WorkerDirectory.of(this.parent, zip);
		Path first = shared.directory();
		Files.setPosixFilePermissions(first, PosixFilePermissions.fromString("rwxrwxrwx"));
		Files.writeString(first.resolve("esem_worker/__init__.py"), "# planted");
		WorkerDirectory.Unpacked own = WorkerDirectory.of(this.parent, zip);
		Path second = own.directory();
		assertThat(shared.ownCopy()).isFalse();
		assertThat(own.ownCopy()).isTrue();
		assertThat(second).isNotEqualTo(first);
		assertThat(second.resolve("esem_worker/__init__.py")).hasContent("# one");
	}

	@Test
	void anUnfinishedUnpackingIsNotUsed() throws IOException {
		byte[] zip = zip("# one");
		Path first = WorkerDirectory.of(this.parent, zip).directory();
		Files.delete(first.resolve(".complete"));
		Files.writeString(first.resolve("esem_worker/__init__.py"), "# cut");
		Path second = WorkerDirectory.of(this.parent, zip).directory();
		assertThat(second).isNotEqualTo(first);
		assertThat(second.resolve("esem_worker/__init__.py")).hasContent("# one");
	}

}
