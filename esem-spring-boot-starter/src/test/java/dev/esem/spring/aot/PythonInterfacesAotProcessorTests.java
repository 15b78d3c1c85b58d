package dev.esem.spring.aot;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.esem.PythonFactory;
import dev.esem.spring.PythonScan;
import dev.esem.spring.TestPython;
import dev.esem.spring.aot.fixtures.Counter;
import dev.esem.spring.aot.fixtures.Ledger;
import dev.esem.spring.aot.fixtures.Quotes;
import dev.esem.spring.autoconfigure.EsemAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.aot.test.generate.TestGenerationContext;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.annotation.AnnotationConfigUtils;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.ResolvableType;
import org.springframework.core.test.tools.CompileWithForkedClassLoader;
import org.springframework.core.test.tools.TestCompiler;
import org.springframework.test.context.support.TestPropertySourceUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Processes an application context ahead of time, as {@code spring-boot:process-aot}
 * does, then compiles the generated code and starts a fresh context from it alone.
 */
@CompileWithForkedClassLoader
class PythonInterfacesAotProcessorTests {

	@Test
	void processingShouldRegisterTheHintsOfEveryPythonInterfaceBean() {
		RuntimeHints hints = processAheadOfTime(context(QuotesConfiguration.class)).getRuntimeHints();
		assertThat(RuntimeHintsPredicates.proxies().forInterfaces(Quotes.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.proxies().forInterfaces(Counter.class)).accepts(hints);
		// reached only as the T of a PythonFactory<T> bean
		assertThat(RuntimeHintsPredicates.proxies().forInterfaces(Ledger.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Quotes.Quote.class, "total")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Counter.Snapshot.class, "value"))
			.accepts(hints);
	}

	@Test
	void processingShouldRegisterTheRuntimeHintsOfEsemAndTheConfiguredClasspathLocations() {
		GenericApplicationContext context = context(QuotesConfiguration.class,
				"esem.python-path=classpath:python/,classpath:/models,file:/opt/python");
		RuntimeHints hints = processAheadOfTime(context).getRuntimeHints();
		assertThat(RuntimeHintsPredicates.resource().forResource(EsemRuntimeHints.WORKER_ARCHIVE)).accepts(hints);
		assertThat(RuntimeHintsPredicates.resource().forResource("python/quotes.py")).accepts(hints);
		assertThat(RuntimeHintsPredicates.resource().forResource("models/forest/model.py")).accepts(hints);
		assertThat(RuntimeHintsPredicates.resource().forResource("opt/python/x.py")).rejects(hints);
	}

	@Test
	void theBeanDefinitionsShouldRestoreFromTheGeneratedCodeAndCallPython() {
		TestGenerationContext generated = processAheadOfTime(context(QuotesConfiguration.class));
		TestCompiler.forSystem().with(generated).compile(compiled -> {
			@SuppressWarnings("unchecked")
			ApplicationContextInitializer<GenericApplicationContext> initializer = compiled
				.getInstance(ApplicationContextInitializer.class);
			try (GenericApplicationContext fresh = new GenericApplicationContext()) {
				TestPropertySourceUtils.addInlinedPropertiesToEnvironment(fresh, TestPython.property());
				initializer.initialize(fresh);
				fresh.refresh();

				assertThat(fresh.getBeanFactory().getAliases(Quotes.class.getName())).containsExactly("quotes");
				Quotes quotes = fresh.getBean(Quotes.class);
				assertThat(quotes.quote(new Quotes.QuoteRequest("tea", 3)).total()).isEqualByComparingTo("7.5");
				AtomicInteger progress = new AtomicInteger();
				assertThat(quotes.tallies(List.of(new Quotes.QuoteRequest("tea", 3)), progress::set))
					.containsOnlyKeys("tea");
				assertThat(progress).hasValue(1);

				ResolvableType counters = ResolvableType.forClassWithGenerics(PythonFactory.class, Counter.class);
				assertThat(fresh.getBeanNamesForType(counters)).containsExactly(Counter.class.getName() + "Factory");
				@SuppressWarnings("unchecked")
				PythonFactory<Counter> factory = (PythonFactory<Counter>) fresh.getBeanProvider(counters).getObject();
				try (Counter counter = factory.create(2)) {
					counter.add(3);
					assertThat(counter.snapshot()).isEqualTo(new Counter.Snapshot(5, 1));
				}
			}
		});
	}

	private static GenericApplicationContext context(Class<?> configuration, String... properties) {
		GenericApplicationContext context = new GenericApplicationContext();
		AnnotationConfigUtils.registerAnnotationConfigProcessors(context);
		TestPropertySourceUtils.addInlinedPropertiesToEnvironment(context, TestPython.property());
		TestPropertySourceUtils.addInlinedPropertiesToEnvironment(context, properties);
		context.registerBean(configuration);
		return context;
	}

	private static TestGenerationContext processAheadOfTime(GenericApplicationContext context) {
		TestGenerationContext generationContext = new TestGenerationContext();
		new ApplicationContextAotGenerator().processAheadOfTime(context, generationContext);
		generationContext.writeGeneratedContent();
		return generationContext;
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(EsemAutoConfiguration.class)
	@PythonScan(basePackageClasses = Quotes.class)
	static class QuotesConfiguration {

	}

}
