package dev.esem;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModuleCallTest {

	static PythonBridge python;

	static PyModule tools;

	@BeforeAll
	static void start() {
		python = TestBridges.builder().build();
		tools = python.module("tools.py");
	}

	@AfterAll
	static void stop() {
		python.close();
	}

	@Test
	void callReturnsTheFunctionResult() {
		assertThat(tools.call("add", 2, 3)).isEqualTo(5);
		assertThat(tools.call("add", "a", "b")).isEqualTo("ab");
	}

	@Test
	void callAsyncCompletesWithTheResult() {
		CompletableFuture<Object> sum = tools.callAsync("add", 20, 22);
		assertThat(sum.join()).isEqualTo(42);
	}

	@Test
	void kwargsArePassedByName() {
		assertThat(tools.call("power", 3)).isEqualTo(9);
		assertThat(tools.call("power", 3, Kwargs.of("exponent", 3))).isEqualTo(27);
		assertThat(tools.call("power", 3, Kwargs.of("exponent", 3, "modulo", 5))).isEqualTo(2);
	}

	@Test
	void asyncDefFunctionsAreAwaited() {
		assertThat(tools.call("slow_add", 1, 2)).isEqualTo(3);
	}

	@Test
	void getReadsModuleAttributes() {
		assertThat(tools.get("GREETING")).isEqualTo("hello");
		assertThat(tools.get("VERSION")).isEqualTo(List.of(1, 2));
		assertThat(tools.get("add")).isInstanceOf(PyObject.class);
	}

	@Test
	void exportsListPublicNamesWithDetails() {
		assertThat(tools.name()).isEqualTo("tools");
		assertThat(tools.exports()).contains("add", "echo", "Calculator", "GREETING").doesNotContain("_private");
		PyExport add = tools.exportDetails().stream().filter(e -> e.name().equals("add")).findFirst().orElseThrow();
		assertThat(add.kind()).isEqualTo("function");
		assertThat(add.signature()).isEqualTo("(a, b)");
		assertThat(add.doc()).isEqualTo("Adds two numbers.");
		PyExport calculator = tools.exportDetails()
			.stream()
			.filter(e -> e.name().equals("Calculator"))
			.findFirst()
			.orElseThrow();
		assertThat(calculator.kind()).isEqualTo("class");
		assertThat(calculator.methods()).contains("add", "multiply").doesNotContain("_hidden");
	}

	@Test
	void modulesLoadByRelativePathAbsolutePathOrName() {
		assertThat(python.module("./tools.py").call("add", 1, 1)).isEqualTo(2);
		Path absolute = TestBridges.fixtures().resolve("tools.py").toAbsolutePath();
		assertThat(python.module(absolute.toString()).call("add", 1, 2)).isEqualTo(3);
		assertThat(python.module("json").call("dumps", Map.of("a", 1))).isEqualTo("{\"a\": 1}");
		assertThat(python.module("pkg.sub").call("where")).isEqualTo("pkg.sub");
	}

	@Test
	void pythonExceptionsCarryTypeMessageAndTraceback() {
		assertThatThrownBy(() -> tools.call("fail", "bad input")).isInstanceOfSatisfying(PythonException.class, ex -> {
			assertThat(ex.pythonType()).isEqualTo("ValueError");
			assertThat(ex.getMessage()).isEqualTo("bad input");
			assertThat(ex.pythonTraceback()).contains("Traceback").contains("in fail").contains("ValueError: bad input");
		});
	}

	@Test
	void aMissingFunctionIsAPythonError() {
		assertThatThrownBy(() -> tools.call("no_such_function")).isInstanceOf(PythonException.class)
			.hasMessageContaining("no_such_function");
	}

	@Test
	void aModuleThatFailsToImportThrowsWithItsTraceback() {
		assertThatThrownBy(() -> python.module("broken_import.py"))
			.isInstanceOfSatisfying(PythonException.class, ex -> {
				assertThat(ex.pythonType()).isEqualTo("ModuleNotFoundError");
				assertThat(ex.getMessage()).contains("module_that_does_not_exist");
				assertThat(ex.pythonTraceback()).contains("broken_import.py");
			});
		assertThatThrownBy(() -> python.module("no_such_module_anywhere")).isInstanceOf(PythonException.class);
		assertThat(tools.call("add", 1, 1)).isEqualTo(2);
	}

	@Test
	void callsAreRecordedInStatistics() {
		tools.call("add", 1, 1);
		assertThat(python.callStats()).anySatisfy(stats -> {
			assertThat(stats.module()).isEqualTo("tools");
			assertThat(stats.target()).isEqualTo("add");
			assertThat(stats.count()).isPositive();
		});
	}

}
