package dev.esem.maven;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the inspection script ({@code esem_inspect.py}, shipped in the plugin jar) with
 * the project's interpreter and the esem worker's own module loader: the Python
 * directory is the search path, the project's directory the working directory. Whatever
 * the modules print goes to a log file; the answer comes back as a JSON file.
 */
final class PythonInspector {

	private static final String SCRIPT = "esem_inspect.py";

	/** The worker package, from the esem-python-worker jar: the script loads modules with its loader. */
	private static final String WORKER_ZIP = "dev/esem/worker/esem_worker.zip";

	private static final JsonMapper JSON = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES) // a flag the script leaves out is false
		.build();

	private final String python;

	private final Path pythonDirectory;

	private final Path workingDirectory;

	private final Path scratch;

	private final Duration timeout;

	/**
	 * @param python the interpreter command
	 * @param pythonDirectory where the modules are: the search path of relative specs
	 * @param workingDirectory the interpreter's working directory
	 * @param scratch a directory of the build for the script, its answer and its output
	 * @param timeout how long one inspection may take
	 */
	PythonInspector(String python, Path pythonDirectory, Path workingDirectory, Path scratch, Duration timeout) {
		this.python = python;
		this.pythonDirectory = pythonDirectory;
		this.workingDirectory = workingDirectory;
		this.scratch = scratch;
		this.timeout = timeout;
	}

	/** The public functions, classes and records of each module, with their type hints. */
	List<ModuleDescription> describe(List<String> specs) throws InspectionException {
		List<String> arguments = new ArrayList<>(List.of("describe"));
		arguments.addAll(specs);
		return read(run("describe", arguments), ModuleDescription.class);
	}

	/** Whether the functions, classes and methods named in the request exist, and their parameters. */
	List<Lookup> lookup(List<Lookup.Request> requests) throws InspectionException {
		Path request = this.scratch.resolve("lookup-request.json");
		try {
			Files.createDirectories(this.scratch);
			JSON.writeValue(request.toFile(), Map.of("modules", requests));
		}
		catch (IOException | JacksonException ex) {
			throw new InspectionException("Cannot write " + request + ": " + ex.getMessage(), ex);
		}
		return read(run("lookup", List.of("lookup", request.toString())), Lookup.class);
	}

	private Path run(String name, List<String> arguments) throws InspectionException {
		Path answer = this.scratch.resolve(name + ".json");
		Path output = this.scratch.resolve(name + ".log");
		List<String> command = new ArrayList<>(List.of(this.python, "-B", script().toString(), "--path",
				this.pythonDirectory.toString(), "--out", answer.toString(), "--worker", workerPackage().toString()));
		command.addAll(arguments);
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.workingDirectory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(output.toFile());
		builder.environment().put("PYTHONDONTWRITEBYTECODE", "1"); // no __pycache__ beside the sources
		builder.environment().put("PYTHONHASHSEED", "0"); // the same answer for the same modules
		builder.environment().put("PYTHONIOENCODING", "utf-8");
		Process process;
		try {
			Files.deleteIfExists(answer);
			process = builder.start();
			process.getOutputStream().close(); // nothing to read: input() fails at once instead of waiting
		}
		catch (IOException ex) {
			throw new InspectionException("Cannot run the Python interpreter '" + this.python + "' (" + ex.getMessage()
					+ "). Name one with the plugin's <python> parameter, -Desem.python=..., or the ESEM_PYTHON "
					+ "environment variable.", ex);
		}
		try {
			if (!process.waitFor(this.timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.descendants().forEach(ProcessHandle::destroyForcibly);
				process.destroyForcibly();
				throw new InspectionException("Python did not finish inspecting the modules within " + this.timeout
						+ " (does a module wait for something at import?). Its output:\n" + tail(output));
			}
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
			throw new InspectionException("Interrupted while Python inspected the modules", ex);
		}
		if (process.exitValue() != 0 || !Files.isRegularFile(answer)) {
			throw new InspectionException("Python failed to inspect the modules (exit code " + process.exitValue()
					+ ", interpreter '" + this.python + "'). Its output:\n" + tail(output));
		}
		return answer;
	}

	/** What the modules printed while they were inspected. */
	String output(String name) {
		try {
			return Files.readString(this.scratch.resolve(name + ".log"), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "";
		}
	}

	private Path script() throws InspectionException {
		return copyOut(PythonInspector.class.getResourceAsStream(SCRIPT), SCRIPT, SCRIPT);
	}

	private Path workerPackage() throws InspectionException {
		return copyOut(PythonInspector.class.getClassLoader().getResourceAsStream(WORKER_ZIP), WORKER_ZIP,
				"esem_worker.zip");
	}

	/** Writes a resource of the plugin's class path into the scratch directory. */
	private Path copyOut(InputStream resource, String name, String fileName) throws InspectionException {
		Path target = this.scratch.resolve(fileName);
		try (InputStream in = resource) {
			if (in == null) {
				throw new InspectionException("The plugin's class path has no " + name);
			}
			Files.createDirectories(this.scratch);
			Files.write(target, in.readAllBytes());
			return target;
		}
		catch (IOException ex) {
			throw new InspectionException("Cannot write " + target + ": " + ex.getMessage(), ex);
		}
	}

	private static <T> List<T> read(Path answer, Class<T> type) throws InspectionException {
		try {
			return JSON.readerForListOf(type).at("/modules").readValue(answer.toFile());
		}
		catch (JacksonException ex) {
			throw new InspectionException("Cannot read the inspection's answer " + answer + ": " + ex.getMessage(), ex);
		}
	}

	private static String tail(Path output) {
		try {
			String text = Files.readString(output, StandardCharsets.UTF_8);
			return (text.length() > 4000) ? "..." + text.substring(text.length() - 4000) : text;
		}
		catch (IOException ex) {
			return "(no output: " + ex.getMessage() + ")";
		}
	}

	/** The inspection could not run, or its answer could not be read. */
	static final class InspectionException extends Exception {

		private static final long serialVersionUID = 1L;

		InspectionException(String message) {
			super(message);
		}

		InspectionException(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
