package dev.esem.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.lang.model.SourceVersion;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Generates a typed Java interface for each Python module of the project from its
 * type hints: {@code my_tools.py} becomes {@code MyTools}, annotated
 * {@code @PythonModule("my_tools.py")}, with a method per public function, a nested
 * {@code PythonInstance} interface per class and a nested record per dataclass or
 * TypedDict. The modules are imported by the real interpreter; one that fails to import
 * fails the build with its traceback.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public class GenerateMojo extends AbstractPythonMojo {

	/** The package of the generated interfaces; modules in subdirectories go to subpackages of it. */
	@Parameter(property = "esem.packageName", required = true)
	private String packageName;

	/** Where the generated sources go; the directory is added to the compile source roots. */
	@Parameter(property = "esem.outputDirectory", defaultValue = "${project.build.directory}/generated-sources/esem")
	private File outputDirectory;

	/**
	 * The modules to generate interfaces for, as paths relative to the Python directory
	 * ({@code <module>stats.py</module>}). By default, every {@code .py} file there whose
	 * name, and the names of whose directories, do not start with {@code _} or {@code .}.
	 */
	@Parameter
	private List<String> modules;

	@Override
	public void execute() throws MojoExecutionException, MojoFailureException {
		if (this.skip) {
			getLog().info("Skipping the generation of Python interfaces");
			return;
		}
		if (!SourceVersion.isName(this.packageName)) {
			throw new MojoFailureException("packageName '" + this.packageName + "' is not a Java package name");
		}
		if (!this.pythonDirectory.isDirectory()) {
			throw new MojoFailureException("No Python directory at " + this.pythonDirectory + ": set <pythonDirectory>");
		}
		List<String> specs = specs();
		List<ModuleDescription> descriptions;
		PythonInspector inspector = inspector("generate");
		try {
			descriptions = inspector.describe(specs);
		}
		catch (PythonInspector.InspectionException ex) {
			throw new MojoExecutionException(ex.getMessage(), ex);
		}
		debugOutput(inspector, "describe");
		StringBuilder failures = new StringBuilder();
		for (ModuleDescription module : descriptions) {
			if (module.error() != null) {
				failures.append("\n\n").append(module.spec()).append(" failed to import:\n").append(module.error().strip());
			}
		}
		if (failures.length() > 0) {
			throw new MojoFailureException("Cannot generate the interfaces of Python modules that fail to import:"
					+ failures);
		}
		InterfaceGenerator generator = new InterfaceGenerator(this.packageName, functionOptions());
		Map<Path, String> sources = new LinkedHashMap<>();
		for (ModuleDescription module : descriptions) {
			InterfaceGenerator.Source source = generator.generate(module);
			if (sources.put(source.path(), source.content()) != null) {
				throw new MojoFailureException("Two modules would both generate " + source.path() + ": generate one of "
						+ "them only (<modules>), or rename one");
			}
			source.warnings().forEach((warning) -> getLog().warn(module.spec() + ": " + warning));
			source.unmappedSites().forEach((hint) -> getLog().info(module.spec() + ": no Java type for the hint of "
					+ hint + ", generated as Object"));
		}
		try {
			SourceFiles.Changes changes = SourceFiles.synchronize(this.outputDirectory.toPath(), sources);
			getLog().info("Python interfaces: " + sources.size() + " in " + this.outputDirectory + " ("
					+ changes.written() + " written, " + changes.unchanged() + " unchanged, " + changes.deleted()
					+ " deleted)");
		}
		catch (IOException ex) {
			throw new MojoExecutionException("Cannot write the generated sources to " + this.outputDirectory + ": "
					+ ex.getMessage(), ex);
		}
		this.project.addCompileSourceRoot(this.outputDirectory.getPath());
	}

	private List<String> specs() throws MojoFailureException, MojoExecutionException {
		Path directory = this.pythonDirectory.toPath();
		if (this.modules != null && !this.modules.isEmpty()) {
			for (String module : this.modules) {
				if (!Files.isRegularFile(directory.resolve(module))) {
					throw new MojoFailureException("No Python module " + module + " in " + directory);
				}
			}
			return List.copyOf(this.modules);
		}
		List<String> specs = new ArrayList<>();
		try (Stream<Path> files = Files.walk(directory)) {
			files.filter((file) -> file.toString().endsWith(".py") && Files.isRegularFile(file))
				.map(directory::relativize)
				.filter(GenerateMojo::isPublic)
				.map((file) -> file.toString().replace(File.separatorChar, '/'))
				.sorted()
				.forEach(specs::add);
		}
		catch (IOException ex) {
			throw new MojoExecutionException("Cannot list the modules in " + directory + ": " + ex.getMessage(), ex);
		}
		return specs;
	}

	/** {@code _private.py}, {@code __init__.py} and anything under {@code __pycache__} or {@code .venv} are not. */
	private static boolean isPublic(Path relative) {
		for (Path part : relative) {
			if (part.toString().startsWith("_") || part.toString().startsWith(".")) {
				return false;
			}
		}
		return true;
	}

}
