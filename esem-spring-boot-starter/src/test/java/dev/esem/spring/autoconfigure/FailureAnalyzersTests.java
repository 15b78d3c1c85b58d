package dev.esem.spring.autoconfigure;

import java.nio.file.Path;
import java.util.List;

import dev.esem.PythonException;
import dev.esem.PythonWorkerException;
import dev.esem.spring.TestPython;
import dev.esem.spring.autoconfigure.fixtures.scan.ScannedPricing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

class FailureAnalyzersTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EsemAutoConfiguration.class))
		.withPropertyValues(TestPython.property());

	@Test
	void aMissingInterpreterShouldFailStartupNamingThePropertyAndTheEnvironmentVariable() {
		this.runner.withPropertyValues("esem.python=python3.99-not-installed").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new PythonInterpreterFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("'python3.99-not-installed'");
			assertThat(analysis.getAction()).contains("esem.python").contains("ESEM_PYTHON");
		});
	}

	@Test
	void aMissingInterpreterShouldFailStartupEvenWhenAnInterfaceBeanStartsTheBridge() {
		this.runner.withUserConfiguration(ScanPackageConfiguration.class)
			.withPropertyValues("esem.python=python3.99-not-installed")
			.run((context) -> {
				FailureAnalysis analysis = new PythonInterpreterFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getAction()).contains("esem.python").contains("ESEM_PYTHON");
			});
	}

	@Test
	void aMissingRelativeInterpreterShouldFailStartupNamingThePathTried() {
		this.runner.withPropertyValues("esem.python=.venv-not-here/bin/python").run((context) -> {
			FailureAnalysis analysis = new PythonInterpreterFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("'.venv-not-here/bin/python'")
				.contains("tried " + Path.of("").toAbsolutePath().resolve(".venv-not-here/bin/python"));
			assertThat(analysis.getAction()).contains("relative path");
		});
	}

	@Test
	void theAnalyzersShouldLeaveOtherFailuresAlone() {
		List<Throwable> others = List.of(new PythonWorkerException("Python worker-1 did not start within 10s"),
				new PythonException("ValueError", "bad input", "Traceback (most recent call last):\n"),
				new IllegalStateException("Could not start the Python interpreter 'python3'"));
		for (Throwable other : others) {
			Throwable failure = new BeanCreationException("pricing", "Bean creation failed", other);
			assertThat(new PythonInterpreterFailureAnalyzer().analyze(failure)).isNull();
			assertThat(new PythonModuleFailureAnalyzer().analyze(failure)).isNull();
		}
	}

	@Test
	void aFailingPreloadShouldFailStartupNamingThePropertyAndTheModule() {
		this.runner.withPropertyValues("esem.preload=pricing.py,broken_import.py").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new PythonModuleFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("esem.preload")
				.contains("'broken_import.py'")
				.contains("ModuleNotFoundError")
				.contains("module_that_does_not_exist");
			assertThat(analysis.getAction()).contains("esem.preload");
		});
	}

	@Test
	void aMissingExplicitPythonPathLocationShouldFailStartupNamingIt() {
		this.runner.withPropertyValues("esem.python-path=classpath:python/pkg-that-is-not-there/").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("esem.python-path")
				.hasMessageContaining("'classpath:python/pkg-that-is-not-there/'");
		});
	}

	@Test
	void aModuleOfAnInterfaceThatIsNotFoundShouldFailStartupNamingWhereModulesAreLookedFor() {
		this.runner.withUserConfiguration(ScanPackageConfiguration.class)
			.withPropertyValues("esem.python-path=")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new PythonModuleFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).containsPattern("The Python module '\\w+\\.py' failed to load")
					.contains("ModuleNotFoundError")
					.containsPattern("no Python file '\\w+\\.py' in the working directory");
				assertThat(analysis.getAction()).contains("esem.python-path").contains("esem.working-directory");
			});
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void aMissingInterpreterShouldBeReportedWhenTheApplicationFailsToStart(CapturedOutput output) {
		SpringApplication application = new SpringApplication(MinimalApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatException().isThrownBy(() -> application.run("--esem.python=python3.99-not-installed"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("'python3.99-not-installed'")
			.contains("Set the property esem.python (or the ESEM_PYTHON environment variable)");
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void aFailingPreloadShouldBeReportedWhenTheApplicationFailsToStart(CapturedOutput output) {
		SpringApplication application = new SpringApplication(MinimalApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatException()
			.isThrownBy(() -> application.run("--" + TestPython.property(),
					"--esem.preload=broken_import.py"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("The Python module 'broken_import.py' listed in esem.preload failed to import")
			.contains("broken_import.py")
			.contains("remove it from esem.preload");
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(EsemAutoConfiguration.class)
	static class MinimalApplication {

	}

	@Configuration(proxyBeanMethods = false)
	@AutoConfigurationPackage(basePackageClasses = ScannedPricing.class)
	static class ScanPackageConfiguration {

	}

}
