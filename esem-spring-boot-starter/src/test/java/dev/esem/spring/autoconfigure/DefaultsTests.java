package dev.esem.spring.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.esem.PythonBridge;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The defaults are the core's ({@code PythonBridge.DEFAULT_*}): the properties start
 * from the same values, and the IDE metadata shows them.
 */
class DefaultsTests {

	private static final Path METADATA = Path.of("target", "classes", "META-INF",
			"spring-configuration-metadata.json");

	@Test
	void propertiesStartFromTheCoresDefaults() {
		EsemProperties properties = new EsemProperties();
		assertThat(properties.getWorkers()).isEqualTo(PythonBridge.DEFAULT_WORKERS);
		assertThat(properties.getCallTimeout()).isEqualTo(PythonBridge.DEFAULT_CALL_TIMEOUT);
		assertThat(properties.getTimeoutGrace()).isEqualTo(PythonBridge.DEFAULT_TIMEOUT_GRACE);
		assertThat(properties.getStartupTimeout()).isEqualTo(PythonBridge.DEFAULT_STARTUP_TIMEOUT);
		assertThat(properties.getShutdownTimeout()).isEqualTo(PythonBridge.DEFAULT_SHUTDOWN_TIMEOUT);
		assertThat(properties.getRestart().getMaxAttempts()).isEqualTo(PythonBridge.DEFAULT_RESTART_MAX_ATTEMPTS);
		assertThat(properties.getRestart().getBackoff()).isEqualTo(PythonBridge.DEFAULT_RESTART_BACKOFF);
		assertThat(properties.getLimits().getMaxFrameSize().toBytes()).isEqualTo(PythonBridge.DEFAULT_MAX_FRAME_BYTES);
		assertThat(properties.getLimits().getMaxDepth()).isEqualTo(PythonBridge.DEFAULT_MAX_DEPTH);
		assertThat(properties.isInheritEnvironment()).isTrue();
	}

	@Test
	void theMetadataShowsTheCoresDefaults() throws IOException {
		Map<String, Object> expected = Map.of("esem.workers", PythonBridge.DEFAULT_WORKERS, "esem.call-timeout",
				seconds(PythonBridge.DEFAULT_CALL_TIMEOUT), "esem.timeout-grace",
				seconds(PythonBridge.DEFAULT_TIMEOUT_GRACE), "esem.startup-timeout",
				seconds(PythonBridge.DEFAULT_STARTUP_TIMEOUT), "esem.shutdown-timeout",
				seconds(PythonBridge.DEFAULT_SHUTDOWN_TIMEOUT), "esem.restart.max-attempts",
				PythonBridge.DEFAULT_RESTART_MAX_ATTEMPTS, "esem.restart.backoff",
				seconds(PythonBridge.DEFAULT_RESTART_BACKOFF), "esem.limits.max-depth", PythonBridge.DEFAULT_MAX_DEPTH,
				"esem.inherit-environment", true);
		try (InputStream json = Files.newInputStream(METADATA)) {
			DocumentContext metadata = JsonPath.parse(json);
			expected.forEach((name, value) -> {
				List<Object> defaults = metadata.read("$.properties[?(@.name == '" + name + "')].defaultValue");
				assertThat(defaults).as(name).containsExactly(value);
			});
		}
	}

	private static String seconds(java.time.Duration duration) {
		return duration.toSeconds() + "s";
	}

}
