package dev.esem.maven;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.esem.Kwargs;
import dev.esem.PythonInstance;
import dev.esem.annotation.PythonAttribute;
import dev.esem.annotation.PythonClass;
import dev.esem.annotation.PythonKeyword;
import dev.esem.annotation.PythonModule;
import dev.esem.annotation.PythonName;
import dev.esem.maven.fixture.Catalog;
import dev.esem.maven.fixture.Fastcalc;
import dev.esem.maven.fixture.Shapes;

import static org.assertj.core.api.Assertions.assertThat;

/** Interfaces checked against {@code shapes.py} as the real interpreter sees it. */
class BindingCheckTest {

	@TempDir
	Path scratch;

	@PythonModule("shapes.py")
	interface Misspelled {

		double aera(double width, double height);

		double area(double width, double height, double depth);

		double area(double width, @PythonKeyword("rounder") boolean rounded);

		@PythonName("area")
		double noWidth(@PythonKeyword("rounded") boolean rounded);

		Object scale(List<Object> points, @PythonKeyword("points") Object again);

		Object scale(@PythonKeyword("factor") long factor, @PythonKeyword("factor") long twice);

		Object later();

		Object labels(Object summary);

	}

	@PythonClass(module = "shapes.py", name = "Square")
	interface WrongSquare extends PythonInstance {

		double aera();

		double perimeter();

		Object grow(double by, double again);

		boolean sameAs(Object other);

	}

	@PythonClass(module = "shapes.py", name = "Sqare")
	interface MissingClass extends PythonInstance {

	}

	@PythonModule("shapes.py")
	interface WrongExtras {

		double area(double width, double... more);

		@PythonAttribute("PI")
		double pi();

		@PythonAttribute("area")
		double areaAttribute(double width);

	}

	@PythonModule("shapes.py")
	abstract static class NotAnInterface {

	}

	@PythonModule("shapes.py")
	interface Correct {

		double area(double width);

		double area(double width, double height, @PythonKeyword boolean rounded);

		@PythonName("area")
		double rounded(double width, @PythonKeyword("rounded") boolean rounded);

		Object describe(Object thing, Object more, Object andMore);

		Object total(List<Object> prices, Kwargs options);

		default double unit() {
			return area(1.0);
		}

	}

	@PythonClass(module = "shapes.py", name = "Square")
	interface CorrectSquare extends PythonInstance {

		double area();

		CorrectSquare grow(@PythonKeyword("by") double by);

		@PythonName("same_as")
		boolean sameAs(CorrectSquare other);

	}

	@Test
	void listsEveryMismatchAsInterfaceMethodReason() throws Exception {
		assertThat(mismatches(Misspelled.class, WrongSquare.class, MissingClass.class, NotAnInterface.class))
			.containsExactly(
					"BindingCheckTest.Misspelled.aera: no function 'aera' in module shapes.py (did you mean 'area'?)",
					"BindingCheckTest.Misspelled.area: no keyword 'rounder' in Python's area(width, height=1.0, *, "
							+ "rounded=False)",
					"BindingCheckTest.Misspelled.area: passes 3 positional arguments, Python's area(width, height=1.0, *, "
							+ "rounded=False) takes at most 2",
					"BindingCheckTest.Misspelled.labels: no function 'labels' in module shapes.py (did you mean 'label'?)",
					"BindingCheckTest.Misspelled.later: does not pass 'delay', which Python's later(delay) requires",
					"BindingCheckTest.Misspelled.noWidth: does not pass 'width', which Python's area(width, height=1.0, *, "
							+ "rounded=False) requires",
					"BindingCheckTest.Misspelled.scale: keyword 'points' is also passed by position to Python's "
							+ "scale(points, factor=None)",
					"BindingCheckTest.Misspelled.scale: passes keyword 'factor' twice",
					"BindingCheckTest.Misspelled.scale: does not pass 'points', which Python's scale(points, "
							+ "factor=None) requires",
					"BindingCheckTest.WrongSquare.aera: no method 'aera' in class Square of shapes.py (did you mean "
							+ "'area'?)",
					"BindingCheckTest.WrongSquare.grow: passes 2 positional arguments, Python's grow(by=1.0) takes at "
							+ "most 1",
					"BindingCheckTest.WrongSquare.perimeter: 'perimeter' in class Square of shapes.py is not callable",
					"BindingCheckTest.WrongSquare.sameAs: no method 'sameAs' in class Square of shapes.py (Python calls "
							+ "it 'same_as': add @PythonName(\"same_as\"))",
					"BindingCheckTest.MissingClass: no class 'Sqare' in shapes.py (did you mean 'Square'?)",
					"BindingCheckTest.NotAnInterface: @PythonModule is on a class: esem binds interfaces only");
	}

	@Test
	void varargsNeedStarArgsAndAttributesNeedANameAndNoParameters() throws Exception {
		assertThat(mismatches(WrongExtras.class)).containsExactly(
				"BindingCheckTest.WrongExtras.area: passes varargs, but Python's area(width, height=1.0, *, "
						+ "rounded=False) takes no *args",
				"BindingCheckTest.WrongExtras.areaAttribute: @PythonAttribute reads an attribute: the method takes no "
						+ "parameters",
				"BindingCheckTest.WrongExtras.pi: no attribute 'PI' in module shapes.py");
	}

	@Test
	void failsOnFunctionOptionsThatNameNothing() throws Exception {
		List<FunctionOptions> options = List.of(new FunctionOptions("shapes.py", "aera", "1s", null, null),
				new FunctionOptions("shapes.py", "Square.grw", "1s", null, null),
				new FunctionOptions("shapes.py", "Sqare.area", null, 8, null),
				new FunctionOptions("shapes.py", "Square.perimeter", "1s", null, null),
				new FunctionOptions("shapes.py", "area", "1s", null, null),
				new FunctionOptions("shapes.py", "Square.grow", null, 8, "2ms"));
		List<Lookup> lookups = TestPython.inspector(this.scratch).lookup(BindingCheck.requests(List.of(), options));
		assertThat(options).map((option) -> BindingCheck.optionMismatch(option, lookups.get(0))).containsExactly(
				"<function> shapes.py aera names nothing: no function 'aera' in module shapes.py (did you mean 'area'?)",
				"<function> shapes.py Square.grw names nothing: no method 'grw' in class Square of shapes.py (did you "
						+ "mean 'grow'?)",
				"<function> shapes.py Sqare.area names nothing: no class 'Sqare' in shapes.py (did you mean 'Square'?)",
				"<function> shapes.py Square.perimeter names nothing: 'perimeter' in class Square of shapes.py is not "
						+ "callable",
				null, null);
	}

	@Test
	void passesCorrectInterfaces() throws Exception {
		assertThat(mismatches(Correct.class, CorrectSquare.class)).isEmpty();
	}

	@Test
	void passesGeneratedInterfaces() throws Exception {
		assertThat(mismatches(Shapes.class, Shapes.Square.class)).isEmpty();
		assertThat(mismatches(Catalog.class, Catalog.Basket.class)).isEmpty();
		assertThat(mismatches(Fastcalc.class)).isEmpty();
	}

	@Test
	void readsWhatTheProxiesRead() {
		InterfaceBinding correct = InterfaceBinding.of(Correct.class);
		assertThat(correct.name()).isEqualTo("BindingCheckTest.Correct");
		assertThat(correct.methods()).extracting(InterfaceBinding.BoundMethod::javaName)
			.as("sorted; the default method runs in Java").containsExactly("area", "area", "describe", "rounded", "total");
		assertThat(correct.methods().get(3)).isEqualTo(
				new InterfaceBinding.BoundMethod("rounded", "area", 1, List.of("rounded"), false, List.of()));
		assertThat(correct.methods().get(4).kwargs()).isTrue();
		assertThat(InterfaceBinding.of(CorrectSquare.class).methods()).extracting(InterfaceBinding.BoundMethod::javaName)
			.as("PythonInstance's methods are the proxy's").containsExactly("area", "grow", "sameAs");
		assertThat(InterfaceBinding.of(String.class)).isNull();
	}

	private List<String> mismatches(Class<?>... types) throws Exception {
		List<InterfaceBinding> bindings = Stream.of(types).map(InterfaceBinding::of).toList();
		List<Lookup> lookups = TestPython.inspector(this.scratch).lookup(BindingCheck.requests(bindings));
		assertThat(lookups).singleElement().satisfies((lookup) -> assertThat(lookup.error()).isNull());
		List<String> mismatches = new ArrayList<>();
		bindings.forEach((binding) -> mismatches.addAll(BindingCheck.mismatches(binding, lookups.get(0))));
		return mismatches;
	}

}
