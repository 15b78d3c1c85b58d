package dev.esem.maven;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Checks the project's compiled {@code @PythonModule} and {@code @PythonClass}
 * interfaces against the Python code, and fails the build when one names a function,
 * class, method or keyword that does not exist, or passes more positional arguments
 * than the Python signature takes. Every mismatch is listed as
 * {@code Interface.method: reason}. A per-function option ({@code <functions>}) that names
 * no function or method fails the build too. The hints of the checked modules that have
 * no Java type are reported as warnings, with the function they belong to.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.PROCESS_CLASSES, threadSafe = true,
		requiresDependencyResolution = ResolutionScope.COMPILE)
public class CheckMojo extends AbstractPythonMojo {

	/** The descriptors of the two annotations in a class file's constant pool. */
	private static final List<String> DESCRIPTORS = List.of("Ldev/esem/annotation/PythonModule;",
			"Ldev/esem/annotation/PythonClass;");

	/** The compiled classes to check. */
	@Parameter(defaultValue = "${project.build.outputDirectory}", readonly = true, required = true)
	private File classesDirectory;

	@Override
	public void execute() throws MojoExecutionException, MojoFailureException {
		if (this.skip) {
			getLog().info("Skipping the check of Python interfaces");
			return;
		}
		List<FunctionOptions> options = functionOptions();
		List<String> candidates = annotatedClasses(this.classesDirectory.toPath());
		if (candidates.isEmpty() && options.isEmpty()) {
			getLog().info("No @PythonModule or @PythonClass interface to check");
			return;
		}
		List<InterfaceBinding> bindings = bindings(candidates);
		List<Lookup> lookups;
		PythonInspector inspector = inspector("check");
		try {
			lookups = inspector.lookup(BindingCheck.requests(bindings, options));
		}
		catch (PythonInspector.InspectionException ex) {
			throw new MojoExecutionException(ex.getMessage(), ex);
		}
		debugOutput(inspector, "lookup");
		Map<String, Lookup> bySpec = new LinkedHashMap<>();
		StringBuilder failures = new StringBuilder();
		for (Lookup lookup : lookups) {
			bySpec.put(lookup.spec(), lookup);
			if (lookup.error() != null) {
				failures.append("\n\n").append(lookup.spec()).append(" failed to import:\n").append(lookup.error().strip());
			}
		}
		if (failures.length() > 0) {
			throw new MojoFailureException("Cannot check interfaces against Python modules that fail to import:"
					+ failures);
		}
		List<String> mismatches = new ArrayList<>();
		for (InterfaceBinding binding : bindings) {
			mismatches.addAll(BindingCheck.mismatches(binding, bySpec.get(binding.spec())));
		}
		for (FunctionOptions option : options) {
			String mismatch = BindingCheck.optionMismatch(option, bySpec.get(option.module()));
			if (mismatch != null) {
				mismatches.add(mismatch);
			}
		}
		warnUnmappedHints(inspector, List.copyOf(bySpec.keySet()));
		if (!mismatches.isEmpty()) {
			mismatches.forEach(getLog()::error);
			throw new MojoFailureException(mismatches.size() + " mismatch" + ((mismatches.size() == 1) ? "" : "es")
					+ " between Java interfaces and Python code:\n" + String.join("\n", mismatches));
		}
		getLog().info("Python interfaces: " + bindings.size() + " checked against " + bySpec.size() + " module"
				+ ((bySpec.size() == 1) ? "" : "s") + ", all match");
	}

	/** Warns of each hint of the modules that has no Java type, with the function it belongs to. */
	private void warnUnmappedHints(PythonInspector inspector, List<String> specs) throws MojoExecutionException {
		List<ModuleDescription> modules;
		try {
			modules = inspector.describe(specs);
		}
		catch (PythonInspector.InspectionException ex) {
			throw new MojoExecutionException(ex.getMessage(), ex);
		}
		InterfaceGenerator generator = new InterfaceGenerator("check");
		for (ModuleDescription module : modules) {
			if (module.error() == null) {
				generator.generate(module).unmappedSites().forEach((hint) -> getLog().warn(module.spec()
						+ ": no Java type for the hint of " + hint + " (a generated interface has Object there)"));
			}
		}
	}

	/** The classes whose class file mentions one of the annotations, by binary name, sorted. */
	private static List<String> annotatedClasses(Path classes) throws MojoExecutionException {
		if (!Files.isDirectory(classes)) {
			return List.of();
		}
		List<String> names = new ArrayList<>();
		try (Stream<Path> files = Files.walk(classes)) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".class")).sorted().toList()) {
				// Class files hold ASCII names as plain bytes, so a byte-wise search finds the descriptors.
				String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
				if (DESCRIPTORS.stream().anyMatch(bytes::contains)) {
					String relative = classes.relativize(file).toString().replace(File.separatorChar, '.');
					names.add(relative.substring(0, relative.length() - ".class".length()));
				}
			}
		}
		catch (IOException ex) {
			throw new MojoExecutionException("Cannot read the classes in " + classes + ": " + ex.getMessage(), ex);
		}
		return names;
	}

	private List<InterfaceBinding> bindings(List<String> classNames) throws MojoExecutionException {
		List<InterfaceBinding> bindings = new ArrayList<>();
		try (URLClassLoader loader = new URLClassLoader(classpath(), ClassLoader.getPlatformClassLoader())) {
			for (String name : classNames) {
				InterfaceBinding binding = InterfaceBinding.of(Class.forName(name, false, loader));
				if (binding != null) {
					bindings.add(binding);
				}
			}
		}
		catch (ClassNotFoundException | LinkageError ex) {
			throw new MojoExecutionException("Cannot load the project's classes to check them: " + ex, ex);
		}
		catch (IOException ex) {
			throw new MojoExecutionException("Cannot close the class loader of the project's classes: " + ex, ex);
		}
		return bindings;
	}

	private URL[] classpath() throws MojoExecutionException {
		try {
			List<String> elements = this.project.getCompileClasspathElements();
			URL[] urls = new URL[elements.size()];
			for (int i = 0; i < urls.length; i++) {
				urls[i] = new File(elements.get(i)).toURI().toURL();
			}
			return urls;
		}
		catch (DependencyResolutionRequiredException | MalformedURLException ex) {
			throw new MojoExecutionException("Cannot build the project's class path: " + ex.getMessage(), ex);
		}
	}

}
