package dev.esem;

import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A Python exception keeps its class hierarchy and its chain of causes in Java. */
class PythonErrorStructureTest {

	static PythonBridge python;

	static PyModule errors;

	@BeforeAll
	static void start() {
		python = TestBridges.builder().maxFrameBytes(256 * 1024).build();
		errors = python.module("structured_errors.py");
	}

	@AfterAll
	static void stop() {
		python.close();
	}

	@Test
	void pythonTypesIsTheMroMostSpecificFirstQualifiedExceptBuiltins() {
		PythonException ex = catchThrowableOfType(PythonException.class, () -> errors.call("subclass_error"));
		assertThat(ex.pythonType()).isEqualTo("PricingError");
		assertThat(ex.pythonTypes()).containsExactly("structured_errors.PricingError", "ValueError", "Exception",
				"BaseException");
	}

	@Test
	void isInstanceMatchesBasesByPlainOrQualifiedName() {
		PythonException ex = catchThrowableOfType(PythonException.class, () -> errors.call("subclass_error"));
		assertThat(ex.isInstance("ValueError")).isTrue();
		assertThat(ex.isInstance("PricingError")).isTrue();
		assertThat(ex.isInstance("structured_errors.PricingError")).isTrue();
		assertThat(ex.isInstance("Exception")).isTrue();
		assertThat(ex.isInstance("Error")).isFalse();
		assertThat(ex.isInstance("KeyError")).isFalse();
		assertThat(ex.isInstance("object")).isFalse();
	}

	@Test
	void raiseFromBecomesTheCauseWithItsOwnFrames() {
		PythonException ex = catchThrowableOfType(PythonException.class, () -> errors.call("raised_from"));
		assertThat(ex.getStackTrace()[0]).isEqualTo(new StackTraceElement("structured_errors", "raised_from",
				"structured_errors.py", 28));
		assertThat(ex.getCause()).isInstanceOf(PythonException.class);
		PythonException cause = (PythonException) ex.getCause();
		assertThat(cause.pythonType()).isEqualTo("KeyError");
		assertThat(cause.pythonTypes()).containsExactly("KeyError", "LookupError", "Exception", "BaseException");
		assertThat(cause.getMessage()).isEqualTo("'tea'");
		assertThat(cause.getStackTrace()[0])
			.isEqualTo(new StackTraceElement("structured_errors", "lookup", "structured_errors.py", 21));
		assertThat(cause.getStackTrace()[1])
			.isEqualTo(new StackTraceElement("structured_errors", "raised_from", "structured_errors.py", 26));
		assertThat(cause.pythonTraceback()).doesNotContain("PricingError");
		assertThat(cause.getCause()).isNull();
		assertThat(ex.pythonTraceback()).contains("KeyError").contains("direct cause").endsWith("no price for tea\n");
	}

	@Test
	void anExceptionRaisedWhileHandlingAnotherHasItAsCauseUnlessSuppressed() {
		PythonException handling = catchThrowableOfType(PythonException.class, () -> errors.call("during_handling"));
		assertThat(handling.getCause()).isInstanceOfSatisfying(PythonException.class,
				cause -> assertThat(cause.pythonType()).isEqualTo("ZeroDivisionError"));
		PythonException suppressed = catchThrowableOfType(PythonException.class,
				() -> errors.call("context_suppressed"));
		assertThat(suppressed.getCause()).isNull();
	}

	@Test
	void aJavaExceptionFromACallbackStaysTheRootCause() {
		IllegalStateException boom = new IllegalStateException("boom");
		PythonException ex = catchThrowableOfType(PythonException.class,
				() -> errors.call("through_java", (Supplier<Object>) () -> {
					throw boom;
				}));
		assertThat(ex.pythonType()).isEqualTo("RuntimeError");
		assertThat(ex.getCause()).isSameAs(boom);
	}

	@Test
	void theFrameLimitHasItsOwnExceptionBothWays() {
		assertThatThrownBy(() -> errors.call("busy", "x".repeat(512 * 1024)))
			.isInstanceOf(PythonFrameTooLargeException.class)
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("max frame size");
		assertThatThrownBy(() -> errors.call("big_string", 512 * 1024)).isInstanceOf(PythonFrameTooLargeException.class)
			.hasMessageContaining("exceeds the max frame size")
			.hasMessageContaining("esem.limits.max-frame-size");
		assertThat(errors.call("big_string", 3)).isEqualTo("xxx");
	}

}
