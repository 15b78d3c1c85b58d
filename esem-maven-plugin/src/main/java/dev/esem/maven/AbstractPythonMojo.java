package dev.esem.maven;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/** What both goals share: the interpreter, the Python directory and the inspection that uses them. */
abstract class AbstractPythonMojo extends AbstractMojo {

	@Parameter(defaultValue = "${project}", readonly = true, required = true)
	protected MavenProject project;

	/**
	 * The Python interpreter that inspects the modules, a command on the {@code PATH} or
	 * a path (a virtual environment's {@code python} works). Defaults to the
	 * {@code ESEM_PYTHON} environment variable, else {@code python3}.
	 */
	@Parameter(property = "esem.python")
	protected String python;

	/** The directory of the Python modules; relative module specs are looked up here. */
	@Parameter(property = "esem.pythonDirectory", defaultValue = "${project.basedir}/src/main/resources/python")
	protected File pythonDirectory;

	/** How long, in seconds, Python may take to import and inspect the modules. */
	@Parameter(property = "esem.inspectionTimeout", defaultValue = "120")
	protected int inspectionTimeout;

	/**
	 * Options for single functions and methods, which {@code generate} writes as annotations
	 * on the generated methods and {@code check} checks for names that exist:
	 * {@code <function><module>jobs.py</module><name>crunch</name><timeout>750ms</timeout>
	 * <batchMaxSize>64</batchMaxSize><batchMaxDelay>5ms</batchMaxDelay></function>}; the
	 * {@code name} of a method is {@code Class.method}.
	 */
	@Parameter
	protected List<FunctionOptions> functions;

	/** Skips the goal. */
	@Parameter(property = "esem.skip", defaultValue = "false")
	protected boolean skip;

	protected PythonInspector inspector(String goal) {
		Path scratch = Path.of(this.project.getBuild().getDirectory(), "esem", goal);
		return new PythonInspector(interpreter(), this.pythonDirectory.toPath(), this.project.getBasedir().toPath(),
				scratch, Duration.ofSeconds(this.inspectionTimeout));
	}

	/** What the modules printed while Python inspected them, for {@code mvn -X}. */
	protected void debugOutput(PythonInspector inspector, String command) {
		if (getLog().isDebugEnabled()) {
			String output = inspector.output(command);
			if (!output.isBlank()) {
				getLog().debug("Python's output while inspecting the modules:\n" + output.strip());
			}
		}
	}

	/** The per-function options, each with a module and a name. */
	protected List<FunctionOptions> functionOptions() throws MojoFailureException {
		if (this.functions == null) {
			return List.of();
		}
		for (FunctionOptions option : this.functions) {
			if (option.module() == null || option.module().isBlank() || option.name() == null || option.name().isBlank()) {
				throw new MojoFailureException("Each <function> of <functions> needs a <module> and a <name>: " + option);
			}
		}
		return List.copyOf(this.functions);
	}

	private String interpreter() {
		if (this.python != null && !this.python.isBlank()) {
			return this.python;
		}
		String fromEnvironment = System.getenv("ESEM_PYTHON");
		return (fromEnvironment != null && !fromEnvironment.isBlank()) ? fromEnvironment : "python3";
	}

}
