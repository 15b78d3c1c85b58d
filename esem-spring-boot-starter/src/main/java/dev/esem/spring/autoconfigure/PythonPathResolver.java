package dev.esem.spring.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.util.ResourceUtils;

/**
 * Turns {@code esem.python-path} locations into directories for the workers'
 * {@code sys.path}. A {@code classpath:} location is used in place where it is a
 * directory (IDE, {@code mvn spring-boot:run}) and copied out to a temporary directory
 * where it lives in a jar ({@code java -jar}); {@link #close()} deletes the copies.
 * {@code file:} locations and plain paths are used as they are.
 */
final class PythonPathResolver implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(PythonPathResolver.class);

	private final ResourcePatternResolver resources;

	private final List<Path> copies = new ArrayList<>();

	PythonPathResolver(ResourcePatternResolver resources) {
		this.resources = resources;
	}

	/**
	 * The directories for {@code locations}, in order. A missing location fails unless
	 * it is the {@link EsemProperties#DEFAULT_PYTHON_PATH default} one.
	 */
	synchronized List<Path> resolve(List<String> locations) {
		List<Path> directories = new ArrayList<>();
		for (String location : locations) {
			String trimmed = location.trim();
			if (!trimmed.isEmpty()) {
				directories.addAll(resolve(trimmed));
			}
		}
		return directories;
	}

	private List<Path> resolve(String location) {
		try {
			List<Path> directories = location.startsWith(ResourceUtils.CLASSPATH_URL_PREFIX)
					? classpath(location) : List.of(fileSystem(location));
			if (directories.isEmpty()) {
				if (!EsemProperties.DEFAULT_PYTHON_PATH.equals(location)) {
					throw missing(location);
				}
				logger.debug("No Python sources at the default location " + location);
			}
			return directories;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the esem.python-path location '" + location + "'", ex);
		}
	}

	private Path fileSystem(String location) throws IOException {
		Path directory = location.startsWith(ResourceUtils.FILE_URL_PREFIX)
				? this.resources.getResource(location).getFile().toPath() : Path.of(location);
		if (!Files.isDirectory(directory)) {
			throw missing(location);
		}
		return directory.toAbsolutePath().normalize();
	}

	private List<Path> classpath(String location) throws IOException {
		String path = location.substring(ResourceUtils.CLASSPATH_URL_PREFIX.length());
		path = path.startsWith("/") ? path.substring(1) : path;
		path = (path.isEmpty() || path.endsWith("/")) ? path : path + "/";
		List<Path> directories = new ArrayList<>();
		for (Resource root : this.resources.getResources(ResourcePatternResolver.CLASSPATH_ALL_URL_PREFIX + path)) {
			if (!root.exists()) {
				continue;
			}
			if (ResourceUtils.isFileURL(root.getURL()) && root.getFile().isDirectory()) {
				directories.add(root.getFile().toPath().toAbsolutePath().normalize());
			}
			else {
				directories.add(copy(root, location));
			}
		}
		return directories;
	}

	/** Copies every file under {@code root} (a directory inside a jar) to a new temporary directory. */
	private Path copy(Resource root, String location) throws IOException {
		String rootUrl = root.getURL().toString();
		Path target = Files.createTempDirectory("esem-python-");
		this.copies.add(target);
		int count = 0;
		for (Resource resource : this.resources.getResources(rootUrl + "**")) {
			URL url = resource.getURL();
			String relative = url.toString().substring(rootUrl.length());
			if (relative.isEmpty() || relative.endsWith("/") || !url.toString().startsWith(rootUrl)) {
				continue;
			}
			Path file = target.resolve(relative).normalize();
			if (!file.startsWith(target)) {
				continue;
			}
			Files.createDirectories(file.getParent());
			try (InputStream in = resource.getInputStream()) {
				Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
			}
			count++;
		}
		logger.debug("Copied " + count + " files of " + location + " from " + rootUrl + " to " + target);
		return target;
	}

	private static IllegalStateException missing(String location) {
		return new IllegalStateException("The esem.python-path location '" + location
				+ "' does not exist or is not a directory. Fix it or remove it from esem.python-path.");
	}

	/** Deletes the directories copied out of jars. */
	@Override
	public synchronized void close() {
		for (Path copy : this.copies) {
			delete(copy);
		}
		this.copies.clear();
	}

	private static void delete(Path directory) {
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach(PythonPathResolver::deleteFile);
		}
		catch (IOException | UncheckedIOException ex) {
			logger.warn("Could not delete the copied Python sources in " + directory, ex);
		}
	}

	private static void deleteFile(Path path) {
		try {
			Files.deleteIfExists(path);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
