package dev.esem.spring.autoconfigure;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class PythonPathResolverTests {

	@TempDir
	Path temp;

	@Test
	void aClasspathDirectoryShouldBeUsedInPlace() throws IOException {
		Path classes = Files.createDirectories(this.temp.resolve("classes/python"));
		try (URLClassLoader loader = loader(classes.getParent());
				PythonPathResolver resolver = new PythonPathResolver(new PathMatchingResourcePatternResolver(loader))) {
			assertThat(resolver.resolve(List.of("classpath:python/"))).containsExactly(classes.toRealPath());
		}
	}

	@Test
	void aClasspathLocationInAJarShouldBeCopiedOutKeepingRelativePathsAndDeletedOnClose() throws IOException {
		Path jar = jar(this.temp.resolve("app.jar"), "python/pricing.py", "def quote(x):\n    return x\n",
				"python/pkg/__init__.py", "", "python/pkg/sub.py", "VALUE = 1\n", "other/ignored.py", "");
		Path copy;
		try (URLClassLoader loader = loader(jar);
				PythonPathResolver resolver = new PythonPathResolver(new PathMatchingResourcePatternResolver(loader))) {
			List<Path> directories = resolver.resolve(List.of("classpath:python"));
			assertThat(directories).hasSize(1);
			copy = directories.get(0);
			assertThat(Files.readString(copy.resolve("pricing.py"))).isEqualTo("def quote(x):\n    return x\n");
			assertThat(copy.resolve("pkg/__init__.py")).exists();
			assertThat(Files.readString(copy.resolve("pkg/sub.py"))).isEqualTo("VALUE = 1\n");
			assertThat(copy.resolve("ignored.py")).doesNotExist();
			assertThat(copy.resolve("other")).doesNotExist();
		}
		assertThat(copy).doesNotExist();
	}

	@Test
	void everyClasspathRootShouldBeUsedInClasspathOrder() throws IOException {
		Path test = Files.createDirectories(this.temp.resolve("test-classes/python"));
		Path main = Files.createDirectories(this.temp.resolve("classes/python"));
		try (URLClassLoader loader = loader(test.getParent(), main.getParent());
				PythonPathResolver resolver = new PythonPathResolver(new PathMatchingResourcePatternResolver(loader))) {
			assertThat(resolver.resolve(List.of("classpath:python/"))).containsExactly(test.toRealPath(),
					main.toRealPath());
		}
	}

	@Test
	void aMissingDefaultLocationShouldBeSkipped() throws IOException {
		try (URLClassLoader loader = loader(Files.createDirectories(this.temp.resolve("empty")));
				PythonPathResolver resolver = new PythonPathResolver(new PathMatchingResourcePatternResolver(loader))) {
			assertThat(resolver.resolve(List.of(EsemProperties.DEFAULT_PYTHON_PATH))).isEmpty();
		}
	}

	@Test
	void aMissingExplicitLocationShouldFailNamingIt() throws IOException {
		try (URLClassLoader loader = loader(Files.createDirectories(this.temp.resolve("empty")));
				PythonPathResolver resolver = new PythonPathResolver(new PathMatchingResourcePatternResolver(loader))) {
			assertThatIllegalStateException().isThrownBy(() -> resolver.resolve(List.of("classpath:scripts/")))
				.withMessageContaining("esem.python-path")
				.withMessageContaining("'classpath:scripts/'");
			assertThatIllegalStateException()
				.isThrownBy(() -> resolver.resolve(List.of(this.temp.resolve("nowhere").toString())))
				.withMessageContaining("nowhere");
		}
	}

	@Test
	void fileLocationsAndPlainPathsShouldBeUsedAsTheyAre() throws IOException {
		Path lib = Files.createDirectories(this.temp.resolve("lib"));
		Path tools = Files.createDirectories(this.temp.resolve("tools"));
		try (PythonPathResolver resolver = new PythonPathResolver(new PathMatchingResourcePatternResolver())) {
			assertThat(resolver.resolve(List.of(lib.toUri().toString(), tools.toString()))).containsExactly(lib,
					tools);
		}
	}

	private static URLClassLoader loader(Path... entries) throws IOException {
		URL[] urls = new URL[entries.length];
		for (int i = 0; i < entries.length; i++) {
			urls[i] = entries[i].toUri().toURL();
		}
		return new URLClassLoader(urls, null);
	}

	private static Path jar(Path jar, String... namesAndContents) throws IOException {
		try (OutputStream out = Files.newOutputStream(jar); JarOutputStream entries = new JarOutputStream(out)) {
			Set<String> directories = new LinkedHashSet<>();
			for (int i = 0; i < namesAndContents.length; i += 2) {
				String name = namesAndContents[i];
				for (int slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
					String directory = name.substring(0, slash + 1);
					if (directories.add(directory)) {
						entries.putNextEntry(new JarEntry(directory));
						entries.closeEntry();
					}
				}
				entries.putNextEntry(new JarEntry(name));
				entries.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
				entries.closeEntry();
			}
		}
		return jar;
	}

}
