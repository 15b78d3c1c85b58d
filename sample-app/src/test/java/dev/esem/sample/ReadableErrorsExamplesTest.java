package dev.esem.sample;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import dev.esem.PyModule;
import dev.esem.PythonBridge;
import dev.esem.PythonException;
import dev.esem.PythonFactory;
import dev.esem.PythonInterpreterException;
import dev.esem.sample.cart.Cart;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The examples of errors.md and troubleshooting.md about where a failure shows. */
class ReadableErrorsExamplesTest {

	@Test
	void aPythonExceptionsStackTraceStartsWherePythonRaised() {
		try (PythonBridge python = Examples.bridge().build()) {
			PyModule faults = python.module("faults.py");
			// tag::python-frames[]
			PythonException ex = catchThrowableOfType(PythonException.class, () -> faults.call("parse_age", "forty"));
			StackTraceElement top = ex.getStackTrace()[0]; // where Python raised
			assertThat(top.getClassName()).isEqualTo("faults"); // the module
			assertThat(top.getMethodName()).isEqualTo("parse_age"); // the function
			assertThat(top.getFileName()).isEqualTo("faults.py");
			assertThat(top.getLineNumber()).isEqualTo(32);
			// end::python-frames[]
			StringWriter printed = new StringWriter();
			ex.printStackTrace(new PrintWriter(printed));
			assertThat(printed.toString())
				.startsWith("dev.esem.PythonException: ValueError: invalid literal for int() with base 10: 'forty'")
				.contains("\tat faults.parse_age(faults.py:32)")
				.contains("\tat dev.esem.sample.ReadableErrorsExamplesTest");
		}
	}

	@Test
	void aTypedInstanceThrowsThePythonException() {
		try (PythonBridge python = Examples.bridge().build()) {
			// tag::typed-instance-failure[]
			PythonFactory<Cart> carts = python.module("cart.py").factory("Cart", Cart.class);
			try (Cart cart = carts.create("regular")) {
				assertThatThrownBy(() -> cart.add("caviar", 1)).isInstanceOf(PythonException.class)
					.hasMessageStartingWith("unknown sku 'caviar'");
				assertThatThrownBy(() -> cart.call("add", "caviar", 1)).isInstanceOf(PythonException.class)
					.hasMessageStartingWith("unknown sku 'caviar'");
			}
			// end::typed-instance-failure[]
		}
	}

	@Test
	void aRelativeInterpreterPathSaysWhichPathWasTried() {
		// tag::relative-interpreter[]
		assertThatThrownBy(() -> PythonBridge.builder().python("missing-venv/bin/python").build())
			.isInstanceOf(PythonInterpreterException.class)
			.hasMessageContaining("tried " + Path.of("missing-venv/bin/python").toAbsolutePath());
		// end::relative-interpreter[]
	}

}
