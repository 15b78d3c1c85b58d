package dev.esem;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PythonFramesTest {

	@Test
	void framesComeInnermostFirstWithModuleFileFunctionAndLine() {
		String traceback = """
				Traceback (most recent call last):
				  File "/app/python/pricing.py", line 40, in quote
				    return price(sku, quantity)
				           ^^^^^^^^^^^^^^^^^^^^
				  File "/app/python/pricing.py", line 12, in price
				    raise ValueError(f"unknown sku {sku!r}")
				ValueError: unknown sku 'caviar'
				""";
		assertThat(PythonFrames.of(traceback)).containsExactly(
				new StackTraceElement("pricing", "price", "pricing.py", 12),
				new StackTraceElement("pricing", "quote", "pricing.py", 40));
	}

	@Test
	void onlyTheRaisedExceptionCountsNotTheOnesItWasChainedTo() {
		String traceback = """
				Traceback (most recent call last):
				  File "/app/tools.py", line 5, in outer
				    inner()
				ValueError: bad

				The above exception was the direct cause of the following exception:

				Traceback (most recent call last):
				  File "/app/tools.py", line 7, in outer
				    raise KeyError("k") from e
				KeyError: 'k'
				""";
		assertThat(PythonFrames.of(traceback)).containsExactly(new StackTraceElement("tools", "outer", "tools.py", 7));
	}

	@Test
	void aChainedExceptionWithoutFramesOfItsOwnHasNone() {
		String traceback = """
				Traceback (most recent call last):
				  File "/app/tools.py", line 5, in outer
				    inner()
				ValueError: bad

				During handling of the above exception, another exception occurred:

				KeyError: 'k'
				""";
		assertThat(PythonFrames.of(traceback)).isEmpty();
	}

	@Test
	void anExceptionGroupHasItsOwnFramesNotThoseOfItsMembers() {
		String traceback = """
				  + Exception Group Traceback (most recent call last):
				  |   File "/app/jobs.py", line 13, in run_all
				  |     run(jobs)
				  |   File "/app/jobs.py", line 11, in run
				  |     raise ExceptionGroup("many", errors)
				  | ExceptionGroup: many (2 sub-exceptions)
				  +-+---------------- 1 ----------------
				    | Traceback (most recent call last):
				    |   File "/app/jobs.py", line 2, in inner
				    |     def inner(): raise ValueError("bad")
				    | ValueError: bad
				    +---------------- 2 ----------------
				    | TypeError: t
				    +------------------------------------
				""";
		assertThat(PythonFrames.of(traceback)).containsExactly(new StackTraceElement("jobs", "run", "jobs.py", 11),
				new StackTraceElement("jobs", "run_all", "jobs.py", 13));
	}

	@Test
	void aSyntaxErrorEndsAtTheLineThatDoesNotParse() {
		String traceback = """
				Traceback (most recent call last):
				  File "<frozen importlib._bootstrap_external>", line 936, in exec_module
				  File "/app/broken.py", line 3
				    def f(:
				          ^
				SyntaxError: invalid syntax
				""";
		assertThat(PythonFrames.of(traceback)).containsExactly(
				new StackTraceElement("broken", "<module>", "broken.py", 3),
				new StackTraceElement("importlib._bootstrap_external", "exec_module",
						"<frozen importlib._bootstrap_external>", 936));
	}

	@Test
	void aPackageIsNamedByItsDirectory() {
		String traceback = """
				Traceback (most recent call last):
				  File "C:\\app\\python\\shop\\__init__.py", line 2, in <module>
				    raise RuntimeError("init")
				RuntimeError: init
				""";
		assertThat(PythonFrames.of(traceback))
			.containsExactly(new StackTraceElement("shop", "<module>", "__init__.py", 2));
	}

	@Test
	void aMessageThatLooksLikeAFrameIsNotOne() {
		String traceback = """
				Traceback (most recent call last):
				  File "/app/tools.py", line 9, in fail
				    raise ValueError(message)
				ValueError: first line
				  File "/etc/passwd", line 1, in forged
				""";
		assertThat(PythonFrames.of(traceback)).containsExactly(new StackTraceElement("tools", "fail", "tools.py", 9));
	}

	@Test
	void textWithoutATracebackHasNoFrames() {
		assertThat(PythonFrames.of(null)).isEmpty();
		assertThat(PythonFrames.of("")).isEmpty();
		assertThat(PythonFrames.of("ValueError: raised without a traceback\n")).isEmpty();
	}

}
