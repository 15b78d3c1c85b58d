package dev.esem.maven;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.esem.PyModule;
import dev.esem.PythonBridge;
import dev.esem.PythonFactory;
import dev.esem.maven.fixture.Shapes;

import static org.assertj.core.api.Assertions.assertThat;

/** Python called through the generated interface of {@code shapes.py}, by a real worker. */
class GeneratedInterfaceTest {

	private static PythonBridge python;

	private static PyModule module;

	@BeforeAll
	static void start() {
		python = PythonBridge.builder()
			.python(TestPython.interpreter())
			.pythonPath(TestPython.MODULES)
			.callTimeout(Duration.ofSeconds(20))
			.build();
		module = python.module("shapes.py");
	}

	@AfterAll
	static void stop() {
		python.close();
	}

	@Test
	void functionsWithDefaultsAndKeywords() {
		Shapes shapes = module.bind(Shapes.class);
		assertThat(shapes.area(2.0, 3.0)).isEqualTo(6.0);
		assertThat(shapes.area(2.5)).as("height=1.0 from Python").isEqualTo(2.5);
		assertThat(shapes.area(2.0, 1.3, true)).as("rounded=True by keyword").isEqualTo(3.0);
	}

	@Test
	void typedDictsCrossBothWaysAsRecordsWithPythonFieldNames() {
		Shapes shapes = module.bind(Shapes.class);
		Shapes.Summary summary = shapes.total(List.of(new BigDecimal("1.10"), new BigDecimal("2.20")), Shapes.Currency.USD);
		assertThat(summary).isEqualTo(new Shapes.Summary(2, new BigDecimal("3.30"), "USD", List.of()));
		assertThat(shapes.label(summary)).isEqualTo("2 items, 3.30 USD");
	}

	@Test
	void asyncFunctionsReturnFutures() throws Exception {
		assertThat(module.bind(Shapes.class).later(0.01).get()).isEqualTo(Map.of("slept", 1L));
	}

	@Test
	void classesAreInstancesMadeByAFactory() {
		PythonFactory<Shapes.Square> squares = module.factory("Square", Shapes.Square.class);
		try (Shapes.Square square = squares.create(2.0); Shapes.Square bigger = square.grow()) {
			assertThat(square.area()).isEqualTo(4.0);
			assertThat(bigger.area()).as("a Square result is a view of the Python object").isEqualTo(9.0);
			assertThat(square.sameAs(squares.create(2.0))).as("a Square argument is the Python object").isTrue();
			square.close_(); // Python's close(), not the proxy's
			assertThat(square.area()).as("still alive").isEqualTo(4.0);
		}
	}

}
