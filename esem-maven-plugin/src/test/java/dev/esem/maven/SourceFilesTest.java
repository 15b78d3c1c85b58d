package dev.esem.maven;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class SourceFilesTest {

	@TempDir
	Path directory;

	@Test
	void writesOnlyWhatChangedAndDeletesWhatIsNoLongerGenerated() throws Exception {
		Path a = Path.of("com/example/A.java");
		Path b = Path.of("com/example/sub/B.java");
		assertThat(SourceFiles.synchronize(this.directory, Map.of(a, "class A {}", b, "class B {}")))
			.isEqualTo(new SourceFiles.Changes(2, 0, 0));
		FileTime old = FileTime.fromMillis(1_000_000L);
		Files.setLastModifiedTime(this.directory.resolve(a), old);

		assertThat(SourceFiles.synchronize(this.directory, Map.of(a, "class A {}")))
			.isEqualTo(new SourceFiles.Changes(0, 1, 1));
		assertThat(Files.getLastModifiedTime(this.directory.resolve(a))).as("unchanged, untouched").isEqualTo(old);
		assertThat(this.directory.resolve("com/example/sub")).as("emptied, removed").doesNotExist();

		assertThat(SourceFiles.synchronize(this.directory, Map.of(a, "class A { }")))
			.isEqualTo(new SourceFiles.Changes(1, 0, 0));
		assertThat(this.directory.resolve(a)).hasContent("class A { }");
	}

}
