package dev.esem.spring.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.esem.PythonBridge;
import dev.esem.PythonFactory;
import dev.esem.monitor.WorkerInfo;
import dev.esem.spring.TestPython;
import dev.esem.spring.actuate.EsemEndpoint;
import dev.esem.spring.actuate.EsemHealthIndicator;
import dev.esem.spring.autoconfigure.fixtures.serving.Scorer;
import dev.esem.spring.metrics.EsemMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** A replicated, batched model served as a plain bean. */
class ReplicatedModelBeanTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EsemAutoConfiguration.class))
		.withPropertyValues(TestPython.property(), "esem.workers=2");

	@Test
	void aReplicatedModelIsAPlainBeanWithAReplicaOnEveryWorker() {
		this.runner.withUserConfiguration(ModelConfiguration.class).run((context) -> {
			Scorer scorer = context.getBean(Scorer.class);
			PythonBridge bridge = context.getBean(PythonBridge.class);
			MeterRegistry meters = new SimpleMeterRegistry();
			new EsemMetrics(bridge).bindTo(meters);
			assertThat(bridge.workers()).extracting(WorkerInfo::replicas).containsExactly(1, 1);
			ExecutorService callers = Executors.newFixedThreadPool(16);
			try {
				List<CompletableFuture<Double>> scores = new ArrayList<>();
				for (int i = 0; i < 64; i++) {
					double[] row = { i, 1 };
					scores.add(CompletableFuture.supplyAsync(() -> scorer.score(row), callers));
				}
				for (int i = 0; i < 64; i++) {
					assertThat(scores.get(i).join()).isEqualTo(2.0 * (i + 1));
				}
			}
			finally {
				callers.shutdown();
			}
			assertThat(meters.get("esem.batch.size").tags("module", "scorer", "target", "Scorer.score")
				.summary()
				.totalAmount()).isEqualTo(64);
			assertThat(meters.get("esem.batch.queue.wait").timer().count()).isEqualTo(64);
			assertThat(new EsemHealthIndicator(bridge).health().getStatus()).isEqualTo(Status.UP);
			assertThat(new EsemEndpoint(bridge).esem().workers()).extracting(EsemEndpoint.WorkerDescriptor::replicas)
				.containsExactly(1, 1);
		});
	}

	@Configuration(proxyBeanMethods = false)
	@AutoConfigurationPackage(basePackageClasses = Scorer.class)
	static class ModelConfiguration {

		@Bean
		Scorer scorer(PythonFactory<Scorer> scorers) {
			return scorers.replicated(2.0);
		}

	}

}
