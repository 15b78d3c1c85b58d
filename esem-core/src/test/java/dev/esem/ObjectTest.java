package dev.esem;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.esem.annotation.PythonKeyword;
import dev.esem.annotation.PythonName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ObjectTest {

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
	void constructedObjectsKeepState() {
		try (PyObject calculator = tools.construct("Calculator", 10)) {
			assertThat(calculator.refId()).startsWith("py_obj_");
			assertThat(calculator.pythonClass()).isEqualTo("Calculator");
			assertThat(calculator.methods()).contains("add", "multiply", "add_later").doesNotContain("_hidden");
			assertThat(calculator.call("add", 5)).isEqualTo(15);
			assertThat(calculator.call("multiply", 2)).isEqualTo(30);
			assertThat(calculator.get("total")).isEqualTo(30);
			assertThat(calculator.call("add_later", 1)).isEqualTo(31);
			assertThat(calculator.callAsync("add", 1).join()).isEqualTo(32);
		}
	}

	@Test
	void methodsNotListedAreStillDispatchedByName() {
		PyObject calculator = tools.construct("Calculator", 4);
		assertThat(calculator.methods()).doesNotContain("dynamic");
		assertThat(calculator.call("dynamic")).isEqualTo("dynamic 4");
		calculator.release();
	}

	@Test
	void constructorErrorsArePythonExceptions() {
		assertThatThrownBy(() -> tools.construct("Broken")).isInstanceOf(PythonException.class)
			.hasMessage("cannot build");
	}

	@Test
	void releaseIsIdempotentAndLaterCallsFailNamingTheRef() {
		PyObject calculator = tools.construct("Calculator");
		String refId = calculator.refId();
		calculator.release();
		calculator.release();
		calculator.close();
		assertThat(calculator.isReleased()).isTrue();
		assertThatThrownBy(() -> calculator.call("add", 1)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining(refId);
		assertThat(calculator.callAsync("add", 1)).isCompletedExceptionally();
		assertThatThrownBy(() -> tools.call("counter_total", calculator)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining(refId);
	}

	@Test
	void proxiesPassedBackAreTheSamePythonObject() {
		try (PyObject calculator = tools.construct("Calculator", 3)) {
			assertThat(tools.call("counter_total", calculator)).isEqualTo(3);
			assertThat(tools.call("same", calculator, calculator)).isEqualTo(true);
			assertThat(calculator.call("me")).isSameAs(calculator);
		}
	}

	@Test
	void otherPythonObjectsComeBackAsProxies() {
		PyObject function = (PyObject) tools.call("function_object");
		assertThat(function.pythonClass()).isEqualTo("function");
		assertThat(function.call("__call__", 2, 5)).isEqualTo(7);
		function.release();
	}

	interface Calculator extends PythonInstance {

		int add(int value);

		@PythonName("multiply")
		int times(int value);

		CompletableFuture<Integer> add_later(int value);

		Calculator me();

		default int addTwice(int value) {
			add(value);
			return add(value);
		}

	}

	@Test
	void factoriesCreateTypedInstances() {
		PythonFactory<Calculator> calculators = tools.factory("Calculator", Calculator.class);
		try (Calculator calculator = calculators.create(1)) {
			assertThat(calculator.add(2)).isEqualTo(3);
			assertThat(calculator.times(10)).isEqualTo(30);
			assertThat(calculator.add_later(5).join()).isEqualTo(35);
			assertThat(calculator.addTwice(1)).isEqualTo(37);
			assertThat(calculator.refId()).startsWith("py_obj_");
			assertThat(calculator.call("dynamic")).isEqualTo("dynamic 37");
			Calculator self = calculator.me();
			assertThat(self.add(0)).isEqualTo(37);
			assertThat(tools.call("same", calculator, self)).isEqualTo(true);
			self.release();
		}
		Calculator async = calculators.createAsync(5).join();
		assertThat(async.add(1)).isEqualTo(6);
		async.close();
	}

	@Test
	void asViewsAnExistingObject() {
		PyObject object = tools.construct("Calculator", 2);
		Calculator calculator = object.as(Calculator.class);
		assertThat(calculator.add(1)).isEqualTo(3);
		calculator.release();
		assertThat(object.isReleased()).isTrue();
	}

	record Point(int x, int y) {
	}

	interface Tools {

		int add(int a, int b);

		@PythonName("make_point")
		Point point(int x, int y);

		@PythonName("echo")
		List<Point> points(List<Point> points);

		int power(int base, @PythonKeyword("exponent") int exponent);

		CompletableFuture<Integer> slow_add(int a, int b);

		default int addThree(int a) {
			return add(a, 3);
		}

	}

	@Test
	void bindMapsInterfaceMethodsToModuleFunctions() {
		Tools bound = tools.bind(Tools.class);
		assertThat(bound.add(2, 2)).isEqualTo(4);
		assertThat(bound.point(1, 2)).isEqualTo(new Point(1, 2));
		assertThat(bound.points(List.of(new Point(3, 4)))).containsExactly(new Point(3, 4));
		assertThat(bound.power(2, 5)).isEqualTo(32);
		assertThat(bound.slow_add(1, 2).join()).isEqualTo(3);
		assertThat(bound.addThree(1)).isEqualTo(4);
		assertThat(bound.toString()).contains("Tools");
	}

}
