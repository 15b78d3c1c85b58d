package dev.esem.spring.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps {@code docs/configuration.md} and the IDE metadata that the configuration
 * processor generates from {@link EsemProperties} (and the endpoint) in step.
 */
class ConfigurationDocumentationTests {

	/** What the configuration processor generated in this build. */
	private static final Path METADATA = Path.of("target", "classes", "META-INF",
			"spring-configuration-metadata.json");

	private static final Path DOCUMENTATION = Path.of("..", "docs", "configuration.md");

	/** A property in the first column of a table row: {@code | `esem.workers` | ...}. */
	private static final Pattern DOCUMENTED = Pattern.compile("^\\|\\s*`([a-z][a-z0-9.-]*)`\\s*\\|",
			Pattern.MULTILINE);

	@Test
	void everyPropertyInTheMetadataShouldBeDocumentedAndEveryDocumentedPropertyShouldExist() throws IOException {
		Set<String> metadata = metadataProperties();
		Set<String> documented = documentedProperties();
		assertThat(metadata).contains("esem.enabled", "esem.python", "esem.python-path", "esem.working-directory",
				"esem.workers", "esem.call-timeout", "esem.startup-timeout", "esem.shutdown-timeout", "esem.preload",
				"esem.environment", "esem.restart.max-attempts", "esem.restart.backoff",
				"esem.leak-detection.enabled", "esem.leak-detection.track-creation-site");
		assertThat(documented).as("properties documented in docs/configuration.md")
			.containsExactlyInAnyOrderElementsOf(metadata);
	}

	@Test
	void everyPropertyInTheMetadataShouldHaveADescription() throws IOException {
		try (InputStream json = Files.newInputStream(METADATA)) {
			List<String> undocumented = JsonPath.parse(json)
				.read("$.properties[?(@.name =~ /esem\\..*/ && !@.description)].name");
			assertThat(undocumented).isEmpty();
		}
	}

	private static Set<String> metadataProperties() throws IOException {
		try (InputStream json = Files.newInputStream(METADATA)) {
			List<String> names = JsonPath.parse(json).read("$.properties[*].name");
			return new TreeSet<>(names);
		}
	}

	private static Set<String> documentedProperties() throws IOException {
		String markdown = Files.readString(DOCUMENTATION);
		Set<String> names = new TreeSet<>();
		Matcher matcher = DOCUMENTED.matcher(markdown);
		while (matcher.find()) {
			names.add(matcher.group(1));
		}
		return names;
	}

}
