package dev.esem.spring.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;

import dev.esem.PythonBridge;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.system.ApplicationHome;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.io.support.ResourcePatternUtils;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of a {@link PythonBridge} whose
 * workers follow the application context, and of the beans of interfaces annotated with
 * {@code @PythonModule} and {@code @PythonClass}.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "esem.enabled", matchIfMissing = true)
@EnableConfigurationProperties(EsemProperties.class)
@Import(PythonInterfacesRegistrar.class)
public final class EsemAutoConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean(PythonBridge.class)
	PythonPathResolver esemPythonPathResolver(ResourceLoader resourceLoader) {
		return new PythonPathResolver(ResourcePatternUtils.getResourcePatternResolver(resourceLoader));
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	PythonBridge pythonBridge(EsemProperties properties, PythonPathResolver esemPythonPathResolver,
			ObjectProvider<PythonBridgeBuilderCustomizer> customizers) {
		PythonBridge.Builder builder = PythonBridge.builder()
			.startImmediately(false)
			.python(properties.getPython())
			.pythonPath(esemPythonPathResolver.resolve(properties.getPythonPath()).toArray(Path[]::new))
			.workingDirectory(workingDirectory(properties))
			.workers(properties.getWorkers())
			.callTimeout(properties.getCallTimeout())
			.timeoutGrace(properties.getTimeoutGrace())
			.startupTimeout(properties.getStartupTimeout())
			.shutdownTimeout(properties.getShutdownTimeout())
			.preload(properties.getPreload().toArray(String[]::new))
			.inheritEnvironment(properties.isInheritEnvironment())
			.logLevel(properties.getLogLevel())
			.maxFrameBytes(maxFrameBytes(properties))
			.maxDepth(properties.getLimits().getMaxDepth())
			.restartMaxAttempts(properties.getRestart().getMaxAttempts())
			.restartBackoff(properties.getRestart().getBackoff())
			.replaceWorkerOnTimeout(properties.getRestart().isOnTimeout())
			.recycleAfterCalls(properties.getRecycle().getMaxCalls())
			.leakDetection(properties.getLeakDetection().isEnabled())
			.trackCreationSite(properties.getLeakDetection().isTrackCreationSite());
		Duration maxAge = properties.getRecycle().getMaxAge();
		if (maxAge != null) {
			builder.recycleAfter(maxAge);
		}
		properties.getEnvironment().forEach(builder::environment);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	@Bean
	@ConditionalOnMissingBean
	EsemLifecycle esemLifecycle(PythonBridge pythonBridge) {
		return new EsemLifecycle(pythonBridge);
	}

	private static Path workingDirectory(EsemProperties properties) {
		if (properties.getWorkingDirectory() != null) {
			return properties.getWorkingDirectory();
		}
		return new ApplicationHome().getDir().toPath();
	}

	private static int maxFrameBytes(EsemProperties properties) {
		long bytes = properties.getLimits().getMaxFrameSize().toBytes();
		if (bytes < 1 || bytes > Integer.MAX_VALUE) {
			throw new IllegalStateException(
					"esem.limits.max-frame-size must be between 1B and 2047MB, not " + bytes + " bytes");
		}
		return (int) bytes;
	}

}
