package dev.esem.maven;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.esem.maven.ModuleDescription.Function;
import dev.esem.maven.ModuleDescription.Parameter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generator on modules inspected by the real interpreter. Its output for
 * {@code shapes.py} is the fixture {@code dev.esem.maven.fixture.Shapes}, which the tests
 * compile and call Python through ({@link GeneratedInterfaceTest}).
 */
class InterfaceGeneratorTest {

	private static final Path FIXTURES = Path.of("src/test/java/dev/esem/maven/fixture");

	/** Where a generated source that differs from its fixture is written, to compare or to copy over. */
	private static final Path DIFFERING = Path.of("target/differing-fixtures");

	@TempDir
	Path scratch;

	@Test
	void generatesTheFixtureExactly() throws Exception {
		InterfaceGenerator.Source source = generate("shapes.py");
		assertThat(source.path()).isEqualTo(Path.of("dev/esem/maven/fixture/Shapes.java"));
		assertSameAsFixture(source);
		assertThat(source.warnings()).isEmpty();
		assertThat(source.unmapped()).isEmpty();
	}

	@Test
	void generatesTheCatalogOfEveryOtherRowExactly() throws Exception {
		InterfaceGenerator.Source source = generate("catalog.py", List.of(
				new FunctionOptions("catalog.py", "min_max", "750ms", null, null),
				new FunctionOptions("catalog.py", "squares", null, 64, "5ms"),
				new FunctionOptions("catalog.py", "Basket.total", "2s", null, null)));
		assertSameAsFixture(source);
		assertThat(source.warnings()).isEmpty();
		assertThat(source.unmappedSites()).isEmpty();
	}

	@Test
	void aStubBesideTheModuleGivesTheHints() throws Exception {
		InterfaceGenerator.Source source = generate("fastcalc.py");
		assertSameAsFixture(source);
		assertThat(source.content()).contains("List<Double> scale(List<Double> values, double factor);");
	}

	private static void assertSameAsFixture(InterfaceGenerator.Source source) throws Exception {
		Path fixture = FIXTURES.resolve(source.path().getFileName());
		String expected = Files.isRegularFile(fixture) ? Files.readString(fixture) : "";
		if (!source.content().equals(expected)) {
			Files.createDirectories(DIFFERING);
			Files.writeString(DIFFERING.resolve(source.path().getFileName()), source.content());
		}
		assertThat(source.content()).as("the generated %s (written to %s)", source.path(), DIFFERING).isEqualTo(expected);
	}

	@Test
	void theSameModuleGivesTheSameBytes() throws Exception {
		assertThat(generate("shapes.py").content()).isEqualTo(generate("shapes.py").content());
	}

	@Test
	void namesThatJavaCannotTakeAreRenamedAndNamedForPython() throws Exception {
		InterfaceGenerator.Source source = generate("clashes.py");
		assertThat(source.path()).as("the class Clashes takes the module's name").hasFileName("ClashesModule.java");
		assertThat(source.content()).contains("public interface ClashesModule {",
				"interface Clashes extends PythonInstance {", "@PythonName(\"unit_price\")\n\tdouble unitPrice(String sku);",
				"@PythonName(\"new\")\n\tObject new_(Object size);", "@PythonName(\"new\")\n\tObject new_();");
		assertThat(source.warnings()).containsExactly("ClashesModule.unitPrice(1 parameters) of Python's unitPrice is "
				+ "left out: it clashes with a method generated before");
	}

	@Test
	void aModuleInADirectoryGoesToASubpackage() {
		Function shout = new Function("shout", null, false,
				List.of(new Parameter("text", "POSITIONAL_OR_KEYWORD", false, HintTableTest.parse("str"))), HintTableTest.parse("pandas.Series"));
		ModuleDescription module = new ModuleDescription("text/text_tools.py", "text_tools", null, null, List.of(shout),
				List.of(), List.of());
		InterfaceGenerator.Source source = new InterfaceGenerator("com.example").generate(module);
		assertThat(source.path()).isEqualTo(Path.of("com/example/text/TextTools.java"));
		assertThat(source.content()).contains("package com.example.text;", "@PythonModule(\"text/text_tools.py\")",
				"Object shout(String text);");
		assertThat(source.unmapped()).containsExactly("pandas.Series");
	}

	private InterfaceGenerator.Source generate(String spec) throws Exception {
		return generate(spec, List.of());
	}

	private InterfaceGenerator.Source generate(String spec, List<FunctionOptions> options) throws Exception {
		ModuleDescription module = TestPython.inspector(this.scratch).describe(List.of(spec)).get(0);
		return new InterfaceGenerator("dev.esem.maven.fixture", options).generate(module);
	}

}
