package dev.esem.spring;

/** The interpreter the build runs the tests with. */
public final class TestPython {

	private TestPython() {
	}

	public static String executable() {
		return System.getProperty("esem.test.python", "python3");
	}

	/** The {@code esem.python} property for that interpreter. */
	public static String property() {
		return "esem.python=" + executable();
	}

}
