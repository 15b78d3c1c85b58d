package dev.esem.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the documentation honest: every {@code ```java} block of {@code docs/*.md} and of
 * the root {@code README.md} must appear, whitespace aside, inside a tagged region
 * ({@code // tag::name[]} ... {@code // end::name[]}) of this module's Java sources, main
 * or test, or inside an interface that the esem Maven plugin generated for this module,
 * all of which the build compiles and runs. {@code ```python} blocks likewise must come
 * from a tagged region ({@code # tag::name[]}) of this module's Python files.
 */
class DocsSnippetsTest {

	private static final Path PROJECT = Path.of("..");

	private static final Pattern FENCE = Pattern.compile("^```(\\w*)\\s*$");

	/** A marker is a comment line of its own: {@code // tag::name[]} in Java, {@code # tag::name[]} in Python. */
	private static final Pattern TAG = Pattern.compile("^\\s*(?://|#)\\s*tag::([\\w.-]+)\\[]\\s*$");

	private static final Pattern END = Pattern.compile("^\\s*(?://|#)\\s*end::([\\w.-]+)\\[]\\s*$");

	@Test
	void everyJavaBlockOfTheDocsIsCodeThatTheBuildCompilesAndRuns() {
		Map<String, String> regions = regions(List.of(Path.of("src/main/java"), Path.of("src/test/java")), ".java");
		regions.putAll(generatedSources());
		List<Block> blocks = blocks("java");
		assertThat(blocks).as("java blocks in README.md and docs/").hasSizeGreaterThan(20);
		assertThat(blocks).allSatisfy((block) -> assertThat(regions.values())
			.as("%s:%d is not in any tagged region (// tag::name[] ... // end::name[]) of sample-app's Java "
					+ "sources, nor in a generated interface; copy it from there, or add the code there first:%n%s",
					block.file(), block.line(), block.code())
			.anyMatch((region) -> contains(region, block.code())));
	}

	@Test
	void everyPythonBlockOfTheDocsComesFromTheSamplePythonFiles() {
		Map<String, String> regions = regions(
				List.of(Path.of("src/main/resources/python"), Path.of("src/test/resources/python-examples")), ".py");
		List<Block> blocks = blocks("python");
		assertThat(blocks).as("python blocks in README.md and docs/").isNotEmpty();
		assertThat(blocks).allSatisfy((block) -> assertThat(regions.values())
			.as("%s:%d is not in any tagged region (# tag::name[] ... # end::name[]) of sample-app's Python "
					+ "files:%n%s", block.file(), block.line(), block.code())
			.anyMatch((region) -> contains(region, block.code())));
	}

	@Test
	void everyTaggedRegionIsClosed() {
		assertThat(regions(List.of(Path.of("src/main/java"), Path.of("src/test/java")), ".java")).isNotEmpty();
		assertThat(regions(List.of(Path.of("src/main/resources/python"), Path.of("src/test/resources/python-examples")),
				".py"))
			.isNotEmpty();
	}

	@Test
	void everyDocLinksOnlyToFilesAndHeadingsThatExist() {
		Pattern link = Pattern.compile("\\]\\(([^)#\\s]*)(?:#([^)\\s]*))?\\)");
		for (Path markdown : markdownFiles()) {
			Matcher matcher = link.matcher(withoutCodeBlocks(read(markdown)));
			while (matcher.find()) {
				String target = matcher.group(1);
				String anchor = matcher.group(2);
				if (target.contains("://") || target.startsWith("mailto:")) {
					continue;
				}
				Path file = target.isEmpty() ? markdown : markdown.getParent().resolve(target);
				assertThat(file).as("%s links to %s", PROJECT.relativize(markdown), target).exists();
				if (anchor != null && file.toString().endsWith(".md")) {
					assertThat(headingAnchors(file)).as("%s links to %s#%s", PROJECT.relativize(markdown), target, anchor)
						.contains(anchor);
				}
			}
		}
	}

	/** The anchors GitHub gives the headings of a Markdown file. */
	private static List<String> headingAnchors(Path markdown) {
		return withoutCodeBlocks(read(markdown)).lines()
			.filter((line) -> line.startsWith("#"))
			.map((line) -> line.replaceFirst("^#+\\s*", "")
				.toLowerCase(java.util.Locale.ROOT)
				.replaceAll("[^\\p{L}\\p{N} _-]", "")
				.replace(' ', '-'))
			.toList();
	}

	private static String withoutCodeBlocks(String markdown) {
		return markdown.replaceAll("(?ms)^```.*?^```\\s*$", "");
	}

	/** Code found in a Markdown file: its fenced block content and where it starts. */
	record Block(Path file, int line, String code) {
	}

	private static List<Path> markdownFiles() {
		List<Path> files = new ArrayList<>();
		Path readme = PROJECT.resolve("README.md");
		assertThat(readme).as("the root README.md (the tests run from the sample-app directory)").exists();
		files.add(readme);
		try (Stream<Path> docs = Files.list(PROJECT.resolve("docs"))) {
			docs.filter((path) -> path.toString().endsWith(".md")).sorted().forEach(files::add);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return files;
	}

	private static List<Block> blocks(String language) {
		List<Block> blocks = new ArrayList<>();
		for (Path markdown : markdownFiles()) {
			List<String> lines = read(markdown).lines().toList();
			String open = null;
			int start = 0;
			StringBuilder code = new StringBuilder();
			for (int i = 0; i < lines.size(); i++) {
				Matcher fence = FENCE.matcher(lines.get(i).strip());
				if (open == null && fence.matches()) {
					open = fence.group(1);
					start = i + 1;
					code.setLength(0);
				}
				else if (open != null && lines.get(i).strip().equals("```")) {
					if (open.equals(language)) {
						blocks.add(new Block(PROJECT.relativize(markdown), start, code.toString()));
					}
					open = null;
				}
				else if (open != null) {
					code.append(lines.get(i)).append('\n');
				}
			}
			assertThat(open).as("%s has an unclosed code block at line %d", markdown, start).isNull();
		}
		return blocks;
	}

	/** Each interface that the esem Maven plugin generated, whole and normalized, by file. */
	private static Map<String, String> generatedSources() {
		Path generated = Path.of("target/generated-sources/esem");
		assertThat(generated).as("the interfaces generated before the tests run").isDirectory();
		Map<String, String> sources = new LinkedHashMap<>();
		try (Stream<Path> files = Files.walk(generated)) {
			files.filter((file) -> file.toString().endsWith(".java"))
				.sorted()
				.forEach((file) -> sources.put(file.toString(), normalize(read(file))));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return sources;
	}

	/** Every tagged region of the files under {@code roots} with the extension, normalized, by file and tag. */
	private static Map<String, String> regions(List<Path> roots, String extension) {
		Map<String, String> regions = new LinkedHashMap<>();
		for (Path root : roots) {
			try (Stream<Path> files = Files.walk(root)) {
				files.filter((file) -> file.toString().endsWith(extension))
					.sorted()
					.forEach((file) -> regions.putAll(regionsOf(file)));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return regions;
	}

	private static Map<String, String> regionsOf(Path file) {
		Map<String, StringBuilder> open = new LinkedHashMap<>();
		Map<String, String> closed = new LinkedHashMap<>();
		for (String line : read(file).lines().toList()) {
			Matcher tag = TAG.matcher(line);
			Matcher end = END.matcher(line);
			if (tag.matches()) {
				assertThat(open).as("%s opens tag %s twice", file, tag.group(1)).doesNotContainKey(tag.group(1));
				open.put(tag.group(1), new StringBuilder());
			}
			else if (end.matches()) {
				StringBuilder region = open.remove(end.group(1));
				assertThat(region).as("%s closes tag %s that is not open", file, end.group(1)).isNotNull();
				closed.put(file + "#" + end.group(1), normalize(region.toString()));
			}
			else {
				open.values().forEach((region) -> region.append(line).append('\n'));
			}
		}
		assertThat(open.keySet()).as("%s has unclosed tags", file).isEmpty();
		return closed;
	}

	/** Whether the normalized region holds the normalized code as whole tokens. */
	static boolean contains(String region, String code) {
		return (" " + region + " ").contains(" " + normalize(code) + " ");
	}

	/** Collapses every run of whitespace to one space, so indentation and line breaks do not matter. */
	static String normalize(String code) {
		return code.strip().replaceAll("\\s+", " ");
	}

	private static String read(Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
