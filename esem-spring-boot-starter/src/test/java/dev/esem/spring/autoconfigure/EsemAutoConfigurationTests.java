package dev.esem.spring.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import dev.esem.PyModule;
import dev.esem.PyObject;
import dev.esem.PythonBridge;
import dev.esem.monitor.WorkerState;
import dev.esem.spring.TestPython;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.SmartLifecycle;

import static org.assertj.core.api.Assertions.assertThat;

class EsemAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EsemAutoConfiguration.class))
		.withPropertyValues(TestPython.property());

	@Test
	void runShouldCreateARunningBridgeWithThePropertiesApplied() {
		this.runner
			.withPropertyValues("esem.workers=2", "esem.environment.ESEM_GREETING=hello",
					"esem.preload=environment_probe.py", "esem.call-timeout=5s", "esem.limits.max-frame-size=1MB",
					"esem.restart.backoff=200ms", "esem.recycle.max-age=1h", "esem.log-level=WARNING")
			.run((context) -> {
				assertThat(context).hasSingleBean(PythonBridge.class).hasSingleBean(EsemLifecycle.class);
				PythonBridge bridge = context.getBean(PythonBridge.class);
				assertThat(bridge.isRunning()).isTrue();
				assertThat(bridge.python()).isEqualTo(TestPython.executable());
				assertThat(bridge.workers()).hasSize(2)
					.allSatisfy((worker) -> assertThat(worker.state()).isEqualTo(WorkerState.READY));
				PyModule probe = bridge.module("environment_probe.py");
				assertThat(probe.call("variable", "ESEM_GREETING")).isEqualTo("hello");
			});
	}

	@Test
	void inheritEnvironmentFalseShouldKeepTheApplicationsEnvironmentFromTheWorkers() {
		String inherited = System.getenv()
			.keySet()
			.stream()
			.filter((name) -> !name.startsWith("LC_") && !List.of("PATH", "HOME", "USER", "LOGNAME", "LANG", "TZ",
					"TMPDIR", "SYSTEMROOT", "SYSTEMDRIVE", "TEMP", "TMP").contains(name))
			.findFirst()
			.orElseThrow();
		this.runner.withPropertyValues("esem.inherit-environment=false", "esem.environment.ESEM_GREETING=hello")
			.run((context) -> {
				PyModule probe = context.getBean(PythonBridge.class).module("environment_probe.py");
				assertThat(probe.call("variable", inherited)).isNull();
				assertThat(probe.call("variable", "ESEM_GREETING")).isEqualTo("hello");
			});
		this.runner.run((context) -> assertThat(
				context.getBean(PythonBridge.class).module("environment_probe.py").call("variable", inherited))
			.isEqualTo(System.getenv(inherited)));
	}

	@Test
	void runShouldBindEveryProperty() {
		this.runner
			.withPropertyValues("esem.python=python3.12", "esem.python-path=classpath:python/,file:lib",
					"esem.working-directory=work", "esem.workers=3", "esem.call-timeout=5s",
					"esem.startup-timeout=20s", "esem.shutdown-timeout=1s", "esem.preload=json,pricing.py",
					"esem.environment.A=1", "esem.log-level=DEBUG", "esem.restart.max-attempts=2",
					"esem.restart.backoff=3s", "esem.restart.on-timeout=false", "esem.recycle.max-calls=1000",
					"esem.recycle.max-age=2h", "esem.limits.max-frame-size=16MB", "esem.limits.max-depth=32",
					"esem.leak-detection.enabled=false", "esem.leak-detection.track-creation-site=true")
			.withBean(PythonBridge.class,
					() -> PythonBridge.builder().python(TestPython.executable()).startImmediately(false).build())
			.run((context) -> {
				EsemProperties properties = context.getBean(EsemProperties.class);
				assertThat(properties.getPython()).isEqualTo("python3.12");
				assertThat(properties.getPythonPath()).containsExactly("classpath:python/", "file:lib");
				assertThat(properties.getWorkingDirectory()).isEqualTo(Path.of("work"));
				assertThat(properties.getWorkers()).isEqualTo(3);
				assertThat(properties.getCallTimeout()).isEqualTo(Duration.ofSeconds(5));
				assertThat(properties.getStartupTimeout()).isEqualTo(Duration.ofSeconds(20));
				assertThat(properties.getShutdownTimeout()).isEqualTo(Duration.ofSeconds(1));
				assertThat(properties.getPreload()).containsExactly("json", "pricing.py");
				assertThat(properties.getEnvironment()).containsEntry("A", "1");
				assertThat(properties.getLogLevel()).isEqualTo("DEBUG");
				assertThat(properties.getRestart().getMaxAttempts()).isEqualTo(2);
				assertThat(properties.getRestart().getBackoff()).isEqualTo(Duration.ofSeconds(3));
				assertThat(properties.getRestart().isOnTimeout()).isFalse();
				assertThat(properties.getRecycle().getMaxCalls()).isEqualTo(1000);
				assertThat(properties.getRecycle().getMaxAge()).isEqualTo(Duration.ofHours(2));
				assertThat(properties.getLimits().getMaxFrameSize().toMegabytes()).isEqualTo(16);
				assertThat(properties.getLimits().getMaxDepth()).isEqualTo(32);
				assertThat(properties.getLeakDetection().isEnabled()).isFalse();
				assertThat(properties.getLeakDetection().isTrackCreationSite()).isTrue();
			});
	}

	@Test
	void runShouldDefaultTheWorkingDirectoryToTheApplicationDirectoryAndFindModulesOnThePythonPath() {
		this.runner.run((context) -> {
			PythonBridge bridge = context.getBean(PythonBridge.class);
			assertThat(bridge.module("pricing.py").call("quote", 100)).isEqualTo(120.0);
			assertThat(Path.of((String) bridge.module("environment_probe.py").call("cwd")).toRealPath())
				.isEqualTo(Path.of("").toRealPath());
		});
	}

	@Test
	void runShouldUseTheConfiguredWorkingDirectory(@TempDir Path directory) {
		this.runner.withPropertyValues("esem.working-directory=" + directory).run((context) -> {
			PythonBridge bridge = context.getBean(PythonBridge.class);
			assertThat(Path.of((String) bridge.module("environment_probe.py").call("cwd")).toRealPath())
				.isEqualTo(directory.toRealPath());
		});
	}

	@Test
	void aModuleFileInTheWorkingDirectoryShouldNotShadowTheOneOnThePythonPath(@TempDir Path directory)
			throws IOException {
		Files.writeString(directory.resolve("pricing.py"), "def quote(amount, rate=0.2):\n    return 0.01\n");
		this.runner.withPropertyValues("esem.working-directory=" + directory).run((context) -> {
			PythonBridge bridge = context.getBean(PythonBridge.class);
			assertThat(bridge.module("pricing.py").call("quote", 100)).isEqualTo(120.0);
			assertThat(bridge.module("./pricing.py").call("quote", 100)).isEqualTo(0.01);
		});
	}

	@Test
	void aRelativeInterpreterPathShouldResolveAgainstTheCurrentDirectory(@TempDir Path directory)
			throws IOException {
		Path python = directory.resolve("venv/bin/python");
		Files.createDirectories(python.getParent());
		Files.writeString(python, "#!/bin/sh\nexec " + TestPython.executable() + " \"$@\"\n");
		Files.setPosixFilePermissions(python, PosixFilePermissions.fromString("rwxr-xr-x"));
		Path workingDirectory = Files.createDirectories(directory.resolve("work"));
		String relative = Path.of("").toAbsolutePath().relativize(python).toString();
		this.runner.withPropertyValues("esem.python=" + relative, "esem.working-directory=" + workingDirectory)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(PythonBridge.class).module("pricing.py").call("quote", 100))
					.isEqualTo(120.0);
			});
	}

	@Test
	void runWhenDisabledShouldNotCreateBridge() {
		this.runner.withPropertyValues("esem.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(PythonBridge.class)
				.doesNotHaveBean(EsemLifecycle.class)
				.doesNotHaveBean(PythonPathResolver.class)
				.doesNotHaveBean(EsemProperties.class);
		});
	}

	@Test
	void runWithAUserBridgeShouldBackOff() {
		PythonBridge own = PythonBridge.builder().python(TestPython.executable()).startImmediately(false).build();
		this.runner.withBean("ownBridge", PythonBridge.class, () -> own).run((context) -> {
			assertThat(context).hasSingleBean(PythonBridge.class).doesNotHaveBean(PythonPathResolver.class);
			assertThat(context.getBean(PythonBridge.class)).isSameAs(own);
			assertThat(own.isRunning()).isTrue();
		});
		assertThat(own.isRunning()).isFalse();
	}

	@Test
	void closingTheContextShouldStopTheWorkers() {
		PythonBridge[] bridge = new PythonBridge[1];
		this.runner.run((context) -> {
			bridge[0] = context.getBean(PythonBridge.class);
			assertThat(context.getBean(EsemLifecycle.class).isRunning()).isTrue();
		});
		assertThat(bridge[0].isRunning()).isFalse();
		assertThat(bridge[0].workers()).allSatisfy((worker) -> assertThat(worker.pid()).isEqualTo(-1));
	}

	@Test
	void pausingAndRestartingTheContextShouldKeepTheWorkersAndTheirObjects() {
		this.runner.run((context) -> {
			PythonBridge bridge = context.getBean(PythonBridge.class);
			long pid = bridge.workers().get(0).pid();
			try (PyObject counter = bridge.module("calculator.py").construct("Calculator", 40)) {
				context.getSourceApplicationContext().pause();
				context.getSourceApplicationContext().restart();
				assertThat(bridge.isRunning()).isTrue();
				assertThat(bridge.workers().get(0).pid()).isEqualTo(pid);
				assertThat(counter.call("add", 2)).isEqualTo(42);
			}
		});
	}

	@Test
	void lifecycleShouldStartBeforeAndStopAfterTheWebServerAndItsGracefulShutdown() {
		// Lower phases start first and stop last. The web server's graceful shutdown runs
		// at DEFAULT_PHASE - 1024, the web server itself at DEFAULT_PHASE - 2048.
		assertThat(EsemLifecycle.PHASE).isLessThan(SmartLifecycle.DEFAULT_PHASE - 2048);
	}

}
