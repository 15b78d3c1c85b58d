package dev.esem.spring.actuate;

import dev.esem.PythonBridge;
import dev.esem.spring.autoconfigure.EsemAutoConfiguration;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the {@link EsemEndpoint}. It
 * only exists when exposed ({@code management.endpoints.web.exposure.include=esem});
 * the starter never widens exposure.
 */
@AutoConfiguration(after = EsemAutoConfiguration.class)
@ConditionalOnClass({ PythonBridge.class, Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnBean(PythonBridge.class)
@ConditionalOnAvailableEndpoint(EsemEndpoint.class)
public final class EsemEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	EsemEndpoint esemEndpoint(PythonBridge pythonBridge) {
		return new EsemEndpoint(pythonBridge);
	}

}
