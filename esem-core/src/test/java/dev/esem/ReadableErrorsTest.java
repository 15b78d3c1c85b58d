package dev.esem;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** What a failure looks like from Java: the exception types and stack traces a log shows. */
class ReadableErrorsTest {

	static PythonBridge python;

	static PyModule raising;

	@BeforeAll
	static void start() {
		python = TestBridges.builder().build();
		raising = python.module("raising.py");
	}

	@AfterAll
	static void stop() {
		python.close();
	}

	@Test
	void aPythonExceptionsStackTraceStartsWithThePythonFramesThenTheCallersJavaFrames() {
		PythonException ex = catchThrowableOfType(PythonException.class, () -> raising.call("outer", 7));
		StackTraceElement[] stack = ex.getStackTrace();
		assertThat(stack[0]).isEqualTo(new StackTraceElement("raising", "inner", "raising.py", 9));
		assertThat(stack[1]).isEqualTo(new StackTraceElement("raising", "outer", "raising.py", 5));
		assertThat(Arrays.copyOfRange(stack, 2, stack.length))
			.allSatisfy(frame -> assertThat(frame.getFileName()).doesNotEndWith(".py"));
		assertThat(stack).anySatisfy(frame -> assertThat(frame.getMethodName())
			.isEqualTo("aPythonExceptionsStackTraceStartsWithThePythonFramesThenTheCallersJavaFrames"));
		assertThat(printed(ex)).contains("dev.esem.PythonException: ValueError: bad value 7")
			.contains("\tat raising.inner(raising.py:9)\n\tat raising.outer(raising.py:5)\n");
		assertThat(ex.pythonTraceback()).startsWith("Traceback (most recent call last):")
			.endsWith("ValueError: bad value 7\n");
	}

	@Test
	void anAsynchronousFailureCarriesThePythonFramesToo() {
		Throwable failure = catchThrowableOfType(CompletionException.class, () -> raising.callAsync("outer", 1).join())
			.getCause();
		assertThat(failure).isInstanceOf(PythonException.class);
		assertThat(failure.getStackTrace()[0]).isEqualTo(new StackTraceElement("raising", "inner", "raising.py", 9));
	}

	interface Fragile extends PythonInstance {

		void explode();

	}

	@Test
	void aTypedInstanceThrowsThePythonExceptionItselfFromEveryMethod() {
		try (Fragile fragile = raising.factory("Fragile", Fragile.class).create()) {
			assertThatThrownBy(fragile::explode).isExactlyInstanceOf(PythonException.class).hasMessage("exploded");
			assertThatThrownBy(() -> fragile.call("explode")).isExactlyInstanceOf(PythonException.class)
				.hasMessage("exploded")
				.satisfies(ex -> assertThat(ex.getStackTrace()[0].getMethodName()).isEqualTo("explode"));
			assertThatThrownBy(() -> fragile.call("no_such_method")).isExactlyInstanceOf(PythonException.class)
				.hasMessageContaining("no_such_method");
			fragile.release();
			assertThatThrownBy(() -> fragile.call("explode")).isExactlyInstanceOf(IllegalStateException.class)
				.hasMessageContaining(fragile.refId());
		}
	}

	interface Functions extends PythonInstance {

	}

	@Test
	void anInstanceMethodOnAModuleInterfaceIsRefusedClearly() {
		Functions functions = raising.bind(Functions.class);
		assertThatThrownBy(() -> functions.call("outer", 1)).isInstanceOf(UnsupportedOperationException.class)
			.hasMessageContaining("needs a Python object");
	}

	@Test
	void aModuleThatFailsToImportIsAModuleLoadFailureWhoseStackStartsInTheModule() {
		PythonModuleLoadException ex = catchThrowableOfType(PythonModuleLoadException.class,
				() -> python.module("broken_import.py"));
		assertThat(ex.spec()).isEqualTo("broken_import.py");
		assertThat(ex.preloaded()).isFalse();
		assertThat(ex.pythonType()).isEqualTo("ModuleNotFoundError");
		assertThat(ex.getMessage()).isEqualTo("No module named 'module_that_does_not_exist'");
		assertThat(ex.getStackTrace()[0])
			.isEqualTo(new StackTraceElement("broken_import", "<module>", "broken_import.py", 1));
	}

	@Test
	void aModuleFileThatIsNotFoundSaysWhereItWasLookedFor() {
		assertThatThrownBy(() -> python.module("not_here.py")).isInstanceOf(PythonModuleLoadException.class)
			.hasMessageContaining("no Python file 'not_here.py' in " + TestBridges.fixtures())
			.hasMessageContaining(" or the working directory ");
	}

	@Test
	void aPreloadThatFailsIsAModuleLoadFailureMarkedAsPreloaded() {
		PythonModuleLoadException ex = catchThrowableOfType(PythonModuleLoadException.class,
				() -> TestBridges.builder().preload("broken_import.py").build());
		assertThat(ex.spec()).isEqualTo("broken_import.py");
		assertThat(ex.preloaded()).isTrue();
		assertThat(ex.getMessage()).startsWith("Could not preload Python module 'broken_import.py'");
	}

	private static String printed(Throwable ex) {
		StringWriter out = new StringWriter();
		ex.printStackTrace(new PrintWriter(out));
		return out.toString().replace(System.lineSeparator(), "\n");
	}

}
