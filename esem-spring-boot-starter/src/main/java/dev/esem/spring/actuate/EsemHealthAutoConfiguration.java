package dev.esem.spring.actuate;

import dev.esem.PythonBridge;
import dev.esem.spring.autoconfigure.EsemAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the {@code esem}
 * {@link EsemHealthIndicator health indicator}
 * ({@code management.health.esem.enabled=false} turns it off).
 */
@AutoConfiguration(after = EsemAutoConfiguration.class)
@ConditionalOnClass({ PythonBridge.class, HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(PythonBridge.class)
@ConditionalOnEnabledHealthIndicator("esem")
public final class EsemHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = { "esemHealthIndicator", "esemHealthContributor" })
	EsemHealthIndicator esemHealthIndicator(PythonBridge pythonBridge) {
		return new EsemHealthIndicator(pythonBridge);
	}

}
