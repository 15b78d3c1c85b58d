package dev.esem.spring.actuate;

import dev.esem.PythonBridge;
import dev.esem.spring.TestPython;
import dev.esem.spring.autoconfigure.EsemAutoConfiguration;
import dev.esem.spring.metrics.EsemMetrics;
import dev.esem.spring.metrics.EsemMetricsAutoConfiguration;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;

class EsemActuatorAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EsemAutoConfiguration.class, EsemEndpointAutoConfiguration.class,
				EsemHealthAutoConfiguration.class, EsemMetricsAutoConfiguration.class))
		.withPropertyValues(TestPython.property());

	@Test
	void runShouldCreateTheHealthIndicatorAndTheMeterBinderButNoUnexposedEndpoint() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(EsemHealthIndicator.class)
				.hasBean("esemHealthIndicator")
				.hasSingleBean(EsemMetrics.class)
				.doesNotHaveBean(EsemEndpoint.class);
		});
	}

	@Test
	void runWhenExposedShouldCreateTheEndpoint() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=esem")
			.run((context) -> assertThat(context).hasSingleBean(EsemEndpoint.class));
	}

	@Test
	void runWhenTheHealthIndicatorIsDisabledShouldNotCreateIt() {
		this.runner.withPropertyValues("management.health.esem.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(EsemHealthIndicator.class));
	}

	@Test
	void runWithoutActuatorShouldStartWithoutEndpointAndHealth() {
		this.runner
			.withClassLoader(new FilteredClassLoader(Endpoint.class, ConditionalOnAvailableEndpoint.class,
					HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class, MeterBinder.class))
			.withPropertyValues("management.endpoints.web.exposure.include=esem")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(PythonBridge.class);
				assertThat(context).doesNotHaveBean(EsemEndpoint.class)
					.doesNotHaveBean(EsemHealthIndicator.class)
					.doesNotHaveBean(EsemMetrics.class);
				assertThat(context.getBean(PythonBridge.class).module("pricing.py").call("quote", 10)).isEqualTo(12.0);
			});
	}

	@Test
	void anApplicationWithoutActuatorAndMicrometerOnItsClassPathShouldStart() {
		FilteredClassLoader classLoader = new FilteredClassLoader("org.springframework.boot.actuate",
				"org.springframework.boot.health", "io.micrometer");
		SpringApplication application = new SpringApplication(new DefaultResourceLoader(classLoader),
				ApplicationWithoutActuator.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		try (ConfigurableApplicationContext context = application.run("--" + TestPython.property(),
				"--management.endpoints.web.exposure.include=esem")) {
			assertThat(context.getBean(PythonBridge.class).isRunning()).isTrue();
			assertThat(context.getBeanNamesForType(EsemEndpoint.class)).isEmpty();
			assertThat(context.getBeanNamesForType(EsemHealthIndicator.class)).isEmpty();
			assertThat(context.getBeanNamesForType(EsemMetrics.class)).isEmpty();
		}
	}

	@Test
	void runWhenDisabledShouldCreateNoActuatorParts() {
		this.runner.withPropertyValues("esem.enabled=false", "management.endpoints.web.exposure.include=esem")
			.run((context) -> assertThat(context).doesNotHaveBean(EsemEndpoint.class)
				.doesNotHaveBean(EsemHealthIndicator.class)
				.doesNotHaveBean(EsemMetrics.class));
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ EsemAutoConfiguration.class, EsemEndpointAutoConfiguration.class,
			EsemHealthAutoConfiguration.class, EsemMetricsAutoConfiguration.class })
	static class ApplicationWithoutActuator {

	}

}
