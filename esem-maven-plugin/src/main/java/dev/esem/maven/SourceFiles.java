package dev.esem.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The generated sources on disk: a file is written only when its content changes (so
 * its timestamp, and the incremental compilation that reads it, stay put), and a source
 * that is no longer generated is deleted, with the directories it leaves empty.
 */
final class SourceFiles {

	/** What a synchronisation did. */
	record Changes(int written, int unchanged, int deleted) {
	}

	private SourceFiles() {
	}

	/** Makes {@code directory} hold exactly {@code sources} (relative path to content). */
	static Changes synchronize(Path directory, Map<Path, String> sources) throws IOException {
		int written = 0;
		int unchanged = 0;
		for (Map.Entry<Path, String> source : sources.entrySet()) {
			Path file = directory.resolve(source.getKey());
			byte[] content = source.getValue().getBytes(StandardCharsets.UTF_8);
			if (Files.isRegularFile(file) && Arrays.equals(Files.readAllBytes(file), content)) {
				unchanged++;
			}
			else {
				Files.createDirectories(file.getParent());
				Files.write(file, content);
				written++;
			}
		}
		Set<Path> wanted = sources.keySet().stream().map(directory::resolve).collect(Collectors.toSet());
		int deleted = 0;
		if (Files.isDirectory(directory)) {
			List<Path> stale;
			try (Stream<Path> files = Files.walk(directory)) {
				stale = files.filter((file) -> file.toString().endsWith(".java") && !wanted.contains(file)).toList();
			}
			for (Path file : stale) {
				Files.delete(file);
				deleted++;
				for (Path parent = file.getParent(); !parent.equals(directory) && isEmpty(parent); parent = parent.getParent()) {
					Files.delete(parent);
				}
			}
		}
		return new Changes(written, unchanged, deleted);
	}

	private static boolean isEmpty(Path directory) throws IOException {
		try (Stream<Path> entries = Files.list(directory)) {
			return entries.findAny().isEmpty();
		}
	}

}
