package dev.esem.sample.segments;

import dev.esem.PythonFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

// tag::segments-bean[]
/**
 * The segments model as a replicated bean: one trained replica in every worker, built
 * before the worker takes calls and again in any worker started later, so the bean never
 * goes stale and every worker serves it. Closing the application ends the replicas.
 */
@Configuration(proxyBeanMethods = false)
class SegmentsConfiguration {

	@Bean
	SegmentModel segmentModel(PythonFactory<SegmentModel> segmentModels) {
		return segmentModels.replicated(7);
	}

}
// end::segments-bean[]
