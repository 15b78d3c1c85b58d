package dev.esem.spring.observation;

import dev.esem.PythonBridge;
import dev.esem.spring.autoconfigure.EsemAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * {@link EnableAutoConfiguration Auto-configuration} that observes each Python call
 * through the application's {@link ObservationRegistry} ({@code esem.call}): a span per
 * call when Micrometer Tracing is set up, whose {@code traceparent} travels with the
 * request, and the {@code esem.calls} timer when metrics are.
 */
@AutoConfiguration(after = EsemAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass({ PythonBridge.class, ObservationRegistry.class })
@ConditionalOnBean({ PythonBridge.class, ObservationRegistry.class })
public final class EsemObservationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	EsemCallObservations esemCallObservations(PythonBridge pythonBridge, ObservationRegistry observationRegistry) {
		EsemCallObservations observations = new EsemCallObservations(observationRegistry);
		pythonBridge.addListener(observations);
		return observations;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	@ConditionalOnBean(MeterRegistry.class)
	static class CallMetersConfiguration {

		/** First among the meter handlers, so Boot's default one leaves esem.call to it. */
		@Bean
		@Order(Ordered.HIGHEST_PRECEDENCE)
		@ConditionalOnMissingBean
		EsemCallsMeterHandler esemCallsMeterHandler(MeterRegistry meterRegistry) {
			return new EsemCallsMeterHandler(meterRegistry);
		}

	}

}
