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

	private static final Path FIXTURE = Path.of("src/test/java/dev/esem/maven/fixture/Shapes.java");

	@TempDir
	Path scratch;

	@Test
	void generatesTheFixtureExactly() throws Exception {
		InterfaceGenerator.Source source = generate("shapes.py");
		assertThat(source.path()).isEqualTo(Path.of("dev/esem/maven/fixture/Shapes.java"));
		assertThat(source.content()).isEqualTo(Files.readString(FIXTURE));
		assertThat(source.warnings()).isEmpty();
		assertThat(source.unmapped()).isEmpty();
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
		ModuleDescription module = TestPython.inspector(this.scratch).describe(List.of(spec)).get(0);
		return new InterfaceGenerator("dev.esem.maven.fixture").generate(module);
	}

}
