package dev.esem.spring.aot;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.esem.PyModule;
import dev.esem.PythonBridge;
import dev.esem.spring.TestPython;
import dev.esem.spring.aot.fixtures.Counter;
import dev.esem.spring.aot.fixtures.Line;
import dev.esem.spring.aot.fixtures.Quotes;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PythonInterfaceHintsTests {

	private final RuntimeHints hints = new RuntimeHints();

	@Test
	void aModuleInterfaceShouldBeAJdkProxyWithItsMethodsInvocable() {
		PythonInterfaceHints.register(this.hints, Quotes.class);
		assertThat(RuntimeHintsPredicates.proxies().forInterfaces(Quotes.class)).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Quotes.class, "quote")).accepts(this.hints);
		// a default method runs through a method handle on the interface
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Quotes.class, "total")).accepts(this.hints);
	}

	@Test
	void recordsAndBeansInArgumentsAndResultsShouldBeBindable() throws Exception {
		PythonInterfaceHints.register(this.hints, Quotes.class);
		assertThat(RuntimeHintsPredicates.reflection()
			.onConstructorInvocation(Quotes.Quote.class.getDeclaredConstructors()[0])).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Quotes.Quote.class, "total"))
			.accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Quotes.QuoteRequest.class, "sku"))
			.accepts(this.hints);
		// inside List<Line> of a record, and as the item type of Stream<Line>
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Line.class, "setLabel"))
			.accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onConstructorInvocation(Line.class.getDeclaredConstructor()))
			.accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(Quotes.Tier.class)).accepts(this.hints);
		// Map<String, List<Tally>>, and the List<QuoteRequest> argument
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Quotes.Tally.class, "count"))
			.accepts(this.hints);
	}

	@Test
	void theItemTypeOfAFutureOrStreamShouldBeBoundNotTheContainer() {
		RuntimeHints futures = new RuntimeHints();
		PythonInterfaceHints.register(futures, FutureOnly.class);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Quotes.Quote.class, "sku")).accepts(futures);
		assertThat(RuntimeHintsPredicates.reflection().onType(java.util.concurrent.CompletableFuture.class))
			.rejects(futures);
	}

	@Test
	void anInterfaceReturnedByAMethodShouldBeAProxyWithItsOwnValuesBindable() {
		PythonInterfaceHints.register(this.hints, Quotes.class);
		assertThat(RuntimeHintsPredicates.proxies().forInterfaces(Counter.class)).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Counter.Snapshot.class, "additions"))
			.accepts(this.hints);
	}

	@Test
	void aClassInterfaceShouldBeAProxyOfItselfAlone() {
		PythonInterfaceHints.register(this.hints, Counter.class);
		assertThat(RuntimeHintsPredicates.proxies().forInterfaces(Counter.class)).accepts(this.hints);
		assertThat(this.hints.proxies().jdkProxyHints()).hasSize(1);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Counter.class, "add")).accepts(this.hints);
	}

	@Test
	void callbacksAndJdkTypesShouldNotBeBoundAsBeans() {
		PythonInterfaceHints.register(this.hints, Quotes.class);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(java.util.function.Consumer.class,
				"accept")).rejects(this.hints);
		assertThat(RuntimeHintsPredicates.proxies().forInterfaces(java.util.function.Consumer.class))
			.rejects(this.hints);
	}

	@Test
	void theProxyHintsShouldNameTheInterfacesOfTheProxiesEsemCreates() {
		PythonInterfaceHints.register(this.hints, Quotes.class);
		try (PythonBridge python = PythonBridge.builder()
			.python(TestPython.executable())
			.pythonPath(Path.of("src/test/resources/python"))
			.build()) {
			PyModule module = python.module("quotes.py");
			Quotes quotes = module.bind(Quotes.class);
			Counter counter = quotes.counter(2);
			Counter created = module.factory("Counter", Counter.class).create(5);
			Counter replicated = module.factory("Counter", Counter.class).replicated(1);
			assertThat(counter.add(3)).isEqualTo(5);
			assertThat(quotes.quote(new Quotes.QuoteRequest("tea", 2)).lines()).hasSize(2)
				.allSatisfy(line -> assertThat(line).isInstanceOf(Line.class));
			for (Object proxy : List.of(quotes, counter, created, replicated)) {
				assertThat(RuntimeHintsPredicates.proxies().forInterfaces(proxy.getClass().getInterfaces()))
					.as("proxy hint for %s", List.of(proxy.getClass().getInterfaces()))
					.accepts(this.hints);
			}
			counter.release();
			created.release();
			replicated.release();
		}
	}

	@Test
	void onlyInterfacesShouldBeAccepted() {
		assertThatIllegalArgumentException().isThrownBy(() -> PythonInterfaceHints.register(this.hints, Line.class))
			.withMessageContaining(Line.class.getName());
	}

	interface FutureOnly {

		java.util.concurrent.CompletableFuture<Quotes.Quote> quote(Map<String, Object> request);

	}

}
