package dev.esem.maven;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.esem.Kwargs;
import dev.esem.PythonBridge;
import dev.esem.PythonException;
import dev.esem.PythonFactory;
import dev.esem.maven.fixture.Catalog;
import dev.esem.maven.fixture.Fastcalc;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Python called through the generated interface of {@code catalog.py} by a real worker:
 * each construct of the complete hint table, row by row.
 */
class CatalogInterfaceTest {

	private static PythonBridge python;

	private static Catalog catalog;

	@BeforeAll
	static void start() {
		python = PythonBridge.builder()
			.python(TestPython.interpreter())
			.pythonPath(TestPython.MODULES)
			.callTimeout(Duration.ofSeconds(20))
			.build();
		catalog = python.module("catalog.py").bind(Catalog.class);
	}

	@AfterAll
	static void stop() {
		python.close();
	}

	@Test
	void starArgsAreVarargsAndStarStarKwargsAreKwargs() {
		assertThat(catalog.tag("b", Kwargs.of("id", "x"), "one", "two")).isEqualTo("b[one][two] id=x");
		assertThat(catalog.tag("b", null)).isEqualTo("b");
	}

	@Test
	void constructorsAreTypedCreationMethodsWithOverloadsForDefaults() {
		try (Catalog.Basket basket = catalog.newBasket("ann")) {
			assertThat(basket.add(new Catalog.Item(1, 2.5, Catalog.Color.RED), new Catalog.Item(2, 1.5, Catalog.Color.GREEN)))
				.isEqualTo(2);
			assertThat(basket.total()).isEqualTo(4.0);
			assertThat(basket.getSize()).as("a property").isEqualTo(2);
		}
		PythonFactory<Catalog.Basket> factory = python.module("catalog.py").factory("Basket", Catalog.Basket.class);
		try (Catalog.Basket basket = factory.create("bob", 3)) {
			assertThat(basket.getSize()).as("the factory stays for injection").isZero();
		}
	}

	@Test
	void constantsAreGetters() {
		assertThat(catalog.getVersion()).isEqualTo("1.2");
		assertThat(catalog.getMaxItems()).isEqualTo(100);
	}

	@Test
	void callablesAreJavaFunctions() {
		assertThat(catalog.apply((value) -> value.longValue() * 3, 7)).isEqualTo(21);
		assertThat(catalog.combine(String::concat, "a", "b")).isEqualTo("ab");
		assertThat(catalog.keep((word) -> word.startsWith("k"), List.of("kiwi", "fig", "kale"))).containsExactly("kiwi", "kale");
		List<String> seen = new CopyOnWriteArrayList<>();
		catalog.each(seen::add, List.of("x", "y"));
		assertThat(seen).containsExactly("x", "y");
		assertThat(catalog.produce(() -> "made")).isEqualTo("made");
		catalog.notify_(() -> seen.add("done"));
		assertThat(seen).endsWith("done");
		assertThat(catalog.reduceAll((args) -> ((Number) args[0]).longValue() + ((Number) args[2]).longValue()))
			.isEqualTo(4);
	}

	@Test
	void aBatchedFunctionIsCalledWithOneItem() {
		assertThat(catalog.squares(3.0)).as("squares(values: list[float]) with @PythonBatch").isEqualTo(9.0);
	}

	@Test
	void tuplesAreRecordsBothWays() {
		assertThat(catalog.minMax(List.of(3L, 1L, 2L))).isEqualTo(new Catalog.MinMaxResult(1, 3));
		assertThat(catalog.swap(new Catalog.PairTuple("a", 1))).isEqualTo(new Catalog.SwapResult(1, "a"));
	}

	@Test
	void literalsAndEnumsAreJavaEnumsCrossingByName() {
		assertThat(catalog.speed(Catalog.Mode.fast)).isEqualTo(Catalog.Mode.slow);
		Catalog.Item item = catalog.repaint(new Catalog.Item(1, 2.0, Catalog.Color.RED), Catalog.Color.GREEN);
		assertThat(item).isEqualTo(new Catalog.Item(1, 2.0, Catalog.Color.GREEN));
		assertThat(catalog.urgent(2)).as("an IntEnum crosses as its value").isTrue();
	}

	@Test
	void unionsAreOverloads() {
		assertThat(catalog.describe(5)).isEqualTo("int:5");
		assertThat(catalog.describe("five")).isEqualTo("str:five");
	}

	@Test
	void mappingsBuffersAndAwaitablesAreTheirJavaTypes() throws Exception {
		assertThat(catalog.countKeys(Map.of("a", 1L, "b", 2L))).isEqualTo(2);
		assertThat(catalog.entries(Map.of("a", 1L))).containsExactly(new Catalog.EntriesItem("a", 1));
		assertThat(catalog.checksum(new byte[] { 1, 2, (byte) 255 })).isEqualTo(2);
		assertThat(catalog.later(5).get()).isEqualTo(5);
		assertThat(catalog.doubled(5).get()).isEqualTo(10);
	}

	@Test
	void aGeneratorThatTakesValuesIsDrivenWithNextAndSend() {
		try (Catalog.RunningTotalGenerator totals = catalog.runningTotal()) {
			assertThat(totals.next()).isZero();
			assertThat(totals.send(5L)).isEqualTo(5);
			assertThat(totals.send(2L)).isEqualTo(7);
			assertThatThrownBy(totals::next).isInstanceOfSatisfying(PythonException.class,
					(ex) -> assertThat(ex.pythonType()).isEqualTo("StopIteration"));
		}
	}

	@Test
	void overloadsAreJavaOverloads() {
		assertThat(catalog.parse("42")).isEqualTo(42);
		assertThat(catalog.parse("ff", 16)).isEqualTo(255);
	}

	@Test
	void recordsAreRestBodiesWithJavaNamesAndCrossWithPythonNames() throws Exception {
		JsonMapper web = JsonMapper.builder().build();
		Catalog.Item item = new Catalog.Item(7, 2.5, Catalog.Color.RED);
		assertThat(web.writeValueAsString(item)).isEqualTo("{\"itemId\":7,\"unitPrice\":2.5,\"color\":\"RED\"}");
		assertThat(web.readValue("{\"itemId\":7,\"unitPrice\":2.5,\"color\":\"RED\"}", Catalog.Item.class)).isEqualTo(item);
		assertThat(catalog.repaint(item, Catalog.Color.RED)).isEqualTo(item);
	}

	@Test
	void stubsGiveTheHintsOfUntypedModules() {
		Fastcalc fastcalc = python.module("fastcalc.py").bind(Fastcalc.class);
		assertThat(fastcalc.scale(List.of(1.0, 2.0), 2.0)).containsExactly(2.0, 4.0);
		assertThat(fastcalc.clip(5, 3)).as("an @overload variant of the stub").isEqualTo(3);
		assertThat(fastcalc.clip(2.5, 3.0)).isEqualTo(2.5);
	}

}
