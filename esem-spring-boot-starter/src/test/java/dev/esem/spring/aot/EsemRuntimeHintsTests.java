package dev.esem.spring.aot;

import dev.esem.NDArray;
import dev.esem.PythonInstance;
import dev.esem.internal.json.HandleSerializer;
import dev.esem.internal.json.NDArraySerializer;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.AotServices;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

class EsemRuntimeHintsTests {

	private final RuntimeHints hints = new RuntimeHints();

	EsemRuntimeHintsTests() {
		new EsemRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
	}

	@Test
	void theRegistrarShouldBeListedInAotFactories() {
		assertThat(AotServices.factories().load(RuntimeHintsRegistrar.class))
			.hasAtLeastOneElementOfType(EsemRuntimeHints.class);
	}

	@Test
	void theWorkerArchiveShouldBeAResourceWhereEsemCoreKeepsIt() {
		assertThat(RuntimeHintsPredicates.resource().forResource("dev/esem/worker/esem_worker.zip"))
			.accepts(this.hints);
		assertThat(getClass().getClassLoader().getResource(EsemRuntimeHints.WORKER_ARCHIVE)).isNotNull();
	}

	@Test
	void thePythonSourcesAtTheDefaultLocationShouldBeResources() {
		assertThat(RuntimeHintsPredicates.resource().forResource("python/pricing.py")).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.resource().forResource("python/pkg/sub/module.py")).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.resource().forResource("other/pricing.py")).rejects(this.hints);
	}

	@Test
	void theSerializersThatJacksonCreatesFromAnnotationsShouldBeInstantiable() throws Exception {
		assertThat(RuntimeHintsPredicates.reflection().onType(NDArray.class)).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onConstructorInvocation(NDArraySerializer.class.getConstructor())).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onConstructorInvocation(HandleSerializer.class.getConstructor())).accepts(this.hints);
		Class<?> asIs = ClassUtils.forName("dev.esem.internal.protocol.BeanFlattener$AsIs", null);
		assertThat(RuntimeHintsPredicates.reflection().onConstructorInvocation(asIs.getDeclaredConstructor()))
			.accepts(this.hints);
		assertThat(ClassUtils.isPresent("dev.esem.internal.protocol.BeanFlattener$KeptAsIs", null)).isTrue();
	}

	@Test
	void tableShouldBeRegisteredByNameWhetherOrNotItExists() {
		assertThat(RuntimeHintsPredicates.reflection().onType(TypeReference.of("dev.esem.Table")))
			.accepts(this.hints);
	}

	@Test
	void thePythonInstanceMethodsOfAViewShouldBeInvocable() {
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(PythonInstance.class, "refId"))
			.accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(AutoCloseable.class, "close"))
			.accepts(this.hints);
	}

}
