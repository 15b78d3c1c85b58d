package dev.esem.spring.metrics;

import dev.esem.PythonBridge;
import dev.esem.spring.autoconfigure.EsemAutoConfiguration;
import dev.esem.spring.observation.EsemCallObservations;
import dev.esem.spring.observation.EsemObservationAutoConfiguration;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the {@link EsemMetrics} meter
 * binder, bound to the application's meter registries by Spring Boot's metrics support.
 */
@AutoConfiguration(after = { EsemAutoConfiguration.class, EsemObservationAutoConfiguration.class },
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass({ PythonBridge.class, MeterBinder.class })
@ConditionalOnBean(PythonBridge.class)
public final class EsemMetricsAutoConfiguration {

	/** Calls are timed here unless the application's observation registry observes them. */
	@Bean
	@ConditionalOnMissingBean
	EsemMetrics esemMetrics(PythonBridge pythonBridge, ObjectProvider<EsemCallObservations> callObservations) {
		return new EsemMetrics(pythonBridge, callObservations.getIfAvailable() == null);
	}

}
