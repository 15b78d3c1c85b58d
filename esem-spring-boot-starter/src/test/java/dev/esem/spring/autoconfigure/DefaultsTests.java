package dev.esem.spring.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;
import dev.esem.PythonBridge;
import org.junit.jupiter.api.Test;

import org.springframework.beans.BeanWrapperImpl;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.convert.ConversionService;
import org.springframework.util.unit.DataSize;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every default is defined once, in the core ({@code PythonBridge.DEFAULT_*}): the
 * properties start from it, and the IDE metadata of this build and
 * {@code docs/configuration.md} show it.
 */
class DefaultsTests {

	/** What the configuration processor generated in this build, merged with the additional metadata. */
	private static final Path METADATA = Path.of("target", "classes", "META-INF",
			"spring-configuration-metadata.json");

	/** The core's default of each property that has one. */
	private static final Map<String, Object> CORE_DEFAULTS = Map.ofEntries(
			entry("esem.python", PythonBridge.DEFAULT_PYTHON),
			entry("esem.workers", PythonBridge.DEFAULT_WORKERS),
			entry("esem.call-timeout", PythonBridge.DEFAULT_CALL_TIMEOUT),
			entry("esem.timeout-grace", PythonBridge.DEFAULT_TIMEOUT_GRACE),
			entry("esem.startup-timeout", PythonBridge.DEFAULT_STARTUP_TIMEOUT),
			entry("esem.shutdown-timeout", PythonBridge.DEFAULT_SHUTDOWN_TIMEOUT),
			entry("esem.inherit-environment", PythonBridge.DEFAULT_INHERIT_ENVIRONMENT),
			entry("esem.log-level", PythonBridge.DEFAULT_LOG_LEVEL),
			entry("esem.restart.max-attempts", PythonBridge.DEFAULT_RESTART_MAX_ATTEMPTS),
			entry("esem.restart.backoff", PythonBridge.DEFAULT_RESTART_BACKOFF),
			entry("esem.restart.on-timeout", PythonBridge.DEFAULT_REPLACE_ON_TIMEOUT),
			entry("esem.recycle.max-calls", PythonBridge.DEFAULT_RECYCLE_MAX_CALLS),
			entry("esem.limits.max-frame-size", DataSize.ofBytes(PythonBridge.DEFAULT_MAX_FRAME_BYTES)),
			entry("esem.limits.max-depth", PythonBridge.DEFAULT_MAX_DEPTH),
			entry("esem.leak-detection.enabled", PythonBridge.DEFAULT_LEAK_DETECTION),
			entry("esem.leak-detection.track-creation-site", PythonBridge.DEFAULT_TRACK_CREATION_SITE));

	/** Defaults of the starter's own properties, which the core does not have. */
	private static final Map<String, Object> STARTER_DEFAULTS = Map.of("esem.enabled", true, "esem.python-path",
			List.of(EsemProperties.DEFAULT_PYTHON_PATH));

	/** Properties that are unset unless configured: the core then does without them. */
	private static final Set<String> UNSET = Set.of("esem.working-directory", "esem.environment", "esem.preload",
			"esem.recycle.max-age");

	private static final Path DOCUMENTATION = Path.of("..", "docs", "configuration.md");

	/** A table row of the documentation: {@code | `esem.workers` | `1` | ...}. */
	private static final Pattern DOCUMENTED = Pattern.compile("^\\|\\s*`([a-z][a-z0-9.-]*)`\\s*\\|([^|]*)\\|",
			Pattern.MULTILINE);

	private static final Pattern KEBAB = Pattern.compile("-([a-z])");

	private final ConversionService conversion = ApplicationConversionService.getSharedInstance();

	@Test
	void everyEsemPropertyInTheMetadataShowsTheCoresDefault() throws IOException {
		Map<String, Object> shown = metadataDefaults();
		Set<String> known = new HashSet<>(CORE_DEFAULTS.keySet());
		known.addAll(STARTER_DEFAULTS.keySet());
		known.addAll(UNSET);
		assertThat(shown.keySet()).as("every esem property has its default checked here")
			.containsExactlyInAnyOrderElementsOf(known);
		CORE_DEFAULTS.forEach((name, core) -> assertThat(shown.get(name)).as(name).isNotNull()
			.satisfies(value -> assertThat(this.conversion.convert(value, core.getClass())).as(name).isEqualTo(core)));
		STARTER_DEFAULTS.forEach((name, value) -> assertThat(shown.get(name)).as(name).isEqualTo(value));
		UNSET.forEach(name -> assertThat(shown.get(name)).as(name).isNull());
	}

	@Test
	void propertiesStartFromTheCoresDefaults() {
		BeanWrapperImpl properties = new BeanWrapperImpl(new EsemProperties());
		CORE_DEFAULTS.forEach((name, core) -> {
			Object value = properties.getPropertyValue(beanPath(name));
			Object expected = "esem.python".equals(name) ? PythonBridge.defaultPython() : core;
			assertThat(value).as(name).isEqualTo(expected);
		});
		STARTER_DEFAULTS.forEach((name, value) -> assertThat(properties.getPropertyValue(beanPath(name))).as(name)
			.isEqualTo(value));
	}

	@Test
	void theDocumentationShowsTheSameDefaults() throws IOException {
		Map<String, String> documented = new HashMap<>();
		Matcher row = DOCUMENTED.matcher(Files.readString(DOCUMENTATION));
		while (row.find()) {
			documented.put(row.group(1), row.group(2));
		}
		metadataDefaults().forEach((name, value) -> {
			if (value != null) {
				Object shown = (value instanceof List<?> list) ? list.get(0) : value;
				assertThat(documented.get(name)).as(name).contains("`" + shown + "`");
			}
		});
	}

	/** The default value of each {@code esem.*} property in the metadata, {@code null} when it shows none. */
	private static Map<String, Object> metadataDefaults() throws IOException {
		try (InputStream json = Files.newInputStream(METADATA)) {
			List<Map<String, Object>> properties = JsonPath.parse(json)
				.read("$.properties[?(@.name =~ /esem\\..*/)]");
			Map<String, Object> defaults = new HashMap<>();
			properties.forEach(property -> defaults.put((String) property.get("name"), property.get("defaultValue")));
			return defaults;
		}
	}

	/** {@code esem.restart.max-attempts} as a bean property path: {@code restart.maxAttempts}. */
	private static String beanPath(String name) {
		Matcher dash = KEBAB.matcher(name.substring("esem.".length()));
		StringBuilder path = new StringBuilder();
		while (dash.find()) {
			dash.appendReplacement(path, dash.group(1).toUpperCase());
		}
		return dash.appendTail(path).toString();
	}

}
