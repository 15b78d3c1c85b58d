package dev.esem.maven;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.esem.maven.ModuleDescription.Function;
import dev.esem.maven.ModuleDescription.Parameter;
import dev.esem.maven.PythonInspector.InspectionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The inspection script run by the real interpreter on the fixture modules. */
class PythonInspectorTest {

	@TempDir
	Path scratch;

	@Test
	void describesFunctionsWithTheirParametersHintsAndDocstrings() throws Exception {
		ModuleDescription shapes = TestPython.inspector(this.scratch).describe(List.of("shapes.py")).get(0);
		assertThat(shapes.error()).isNull();
		assertThat(shapes.doc()).startsWith("Shapes and their areas");
		assertThat(shapes.functions()).extracting(Function::name)
			.containsExactly("area", "total", "label", "scale", "describe", "corners", "later", "convert");
		Function area = shapes.functions().get(0);
		assertThat(area.doc()).startsWith("The area of a rectangle.\n\nMultiplies");
		assertThat(area.parameters()).containsExactly(
				new Parameter("width", "POSITIONAL_OR_KEYWORD", false, HintTableTest.parse("float")),
				new Parameter("height", "POSITIONAL_OR_KEYWORD", true, HintTableTest.parse("float")),
				new Parameter("rounded", "KEYWORD_ONLY", true, HintTableTest.parse("bool")));
		assertThat(area.returns()).isEqualTo(HintTableTest.parse("float"));
		assertThat(shapes.functions().get(3).parameters().get(1).hint())
			.isEqualTo(HintTableTest.parse("typing.Union[int, NoneType]"));
		assertThat(shapes.functions().get(4).parameters()).extracting(Parameter::kind)
			.containsExactly("POSITIONAL_OR_KEYWORD", "VAR_POSITIONAL", "VAR_KEYWORD");
		assertThat(shapes.functions().get(6).async()).isTrue();
	}

	@Test
	void describesClassesWithoutSelfAndRecordsNamedInHints() throws Exception {
		ModuleDescription shapes = TestPython.inspector(this.scratch).describe(List.of("shapes.py")).get(0);
		assertThat(shapes.classes()).singleElement().satisfies((square) -> {
			assertThat(square.id()).isEqualTo("shapes.Square");
			assertThat(square.methods()).extracting(Function::name)
				.containsExactly("area", "grow", "same_as", "close", "unit"); // no property, no _hidden
			assertThat(square.methods().get(1).parameters()).extracting(Parameter::name).containsExactly("by");
			assertThat(square.methods().get(1).returns()).isEqualTo(HintTableTest.parse("shapes.Square"));
		});
		// Point and Size are exported; Summary is not, but total() returns it.
		assertThat(shapes.records()).extracting(ModuleDescription.DataRecord::id)
			.containsExactly("shapes.Point", "shapes.Size", "shapes.Summary");
		assertThat(shapes.records().get(0).fields()).extracting(ModuleDescription.Field::name)
			.containsExactly("x", "y", "unit_name");
		assertThat(shapes.records().get(0).doc()).isEqualTo("A point of the plane.");
		assertThat(shapes.records().get(1).doc()).as("namedtuple's generated docstring").isNull();
		assertThat(shapes.records().get(2).fields().get(3).hint()).isEqualTo(HintTableTest.parse("list[shapes.Point]"));
	}

	@Test
	void aModuleThatFailsToImportIsReportedWithItsTraceback() throws Exception {
		List<ModuleDescription> modules = TestPython.inspector(this.scratch).describe(List.of("broken.py", "shapes.py"));
		assertThat(modules.get(0).error()).startsWith("Traceback (most recent call last):")
			.contains("broken.py\", line 9, in <module>", "rate(\"USD\")", "KeyError: 'USD'")
			.doesNotContain("esem_inspect");
		assertThat(modules.get(1).error()).isNull();
	}

	@Test
	void aMissingFileIsAnImportFailure() throws Exception {
		ModuleDescription missing = TestPython.inspector(this.scratch).describe(List.of("no_such.py")).get(0);
		// the worker's own message, naming where it looked
		assertThat(missing.error()).contains("ModuleNotFoundError: no Python file 'no_such.py' in ")
			.contains("or the working directory");
	}

	@Test
	void whatModulesPrintDoesNotDisturbTheAnswer() throws Exception {
		PythonInspector inspector = TestPython.inspector(this.scratch);
		ModuleDescription chatty = inspector.describe(List.of("chatty.py")).get(0);
		assertThat(chatty.functions()).extracting(Function::name).containsExactly("greet");
		assertThat(inspector.output("describe")).contains("hello from chatty", "to stderr");
	}

	@Test
	void writesNoBytecodeBesideTheModules(@TempDir Path modules) throws Exception {
		Files.copy(TestPython.MODULES.resolve("shapes.py"), modules.resolve("shapes.py"));
		new PythonInspector(TestPython.interpreter(), modules, modules, this.scratch, Duration.ofSeconds(60))
			.describe(List.of("shapes.py"));
		assertThat(modules.resolve("__pycache__")).doesNotExist();
	}

	@Test
	void aModuleThatHangsAtImportTimesOut() {
		PythonInspector inspector = TestPython.inspector(this.scratch, Duration.ofSeconds(2));
		assertThatThrownBy(() -> inspector.describe(List.of("slow.py"))).isInstanceOf(InspectionException.class)
			.hasMessageContaining("did not finish inspecting the modules within PT2S");
	}

	@Test
	void aMissingInterpreterSaysHowToNameOne() {
		PythonInspector inspector = new PythonInspector("no-such-python3", TestPython.MODULES, TestPython.MODULES,
				this.scratch, Duration.ofSeconds(10));
		assertThatThrownBy(() -> inspector.describe(List.of("shapes.py"))).isInstanceOf(InspectionException.class)
			.hasMessageContaining("Cannot run the Python interpreter 'no-such-python3'")
			.hasMessageContaining("ESEM_PYTHON");
	}

	@Test
	void looksUpFunctionsClassesAndMethodsWithSuggestions() throws Exception {
		Lookup shapes = TestPython.inspector(this.scratch)
			.lookup(List.of(new Lookup.Request("shapes.py", List.of("area", "aera", "sameAs"),
					Map.of("Square", List.of("grow", "perimeter"), "Sqare", List.of()))))
			.get(0);
		assertThat(shapes.functions().get("area").signature()).isEqualTo("(width, height=1.0, *, rounded=False)");
		assertThat(shapes.functions().get("aera").found()).isFalse();
		assertThat(shapes.functions().get("aera").suggestion()).isEqualTo("area");
		assertThat(shapes.classes().get("Square").methods().get("grow").parameters()).extracting(Parameter::name)
			.containsExactly("by");
		assertThat(shapes.classes().get("Square").methods().get("perimeter").callable()).isFalse();
		assertThat(shapes.classes().get("Sqare").suggestion()).isEqualTo("Square");
		assertThat(Files.exists(this.scratch.resolve("lookup-request.json"))).isTrue();
	}

}
