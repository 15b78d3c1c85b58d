package dev.esem.sample;

import java.io.IOException;

/**
 * Debian's interpreter with pandas ({@code -Desem.test.data-python} overrides) for the
 * sales report's test; fails, naming the package to install, when pandas does not
 * import there: such a test never skips.
 */
final class DataPython {

	private DataPython() {
	}

	static String withPandas() {
		String python = System.getProperty("esem.test.data-python", "/usr/bin/python3");
		try {
			Process check = new ProcessBuilder(python, "-c", "import pandas, numpy").redirectErrorStream(true).start();
			String output = new String(check.getInputStream().readAllBytes());
			if (check.waitFor() != 0) {
				throw new AssertionError(python + " cannot import pandas: install Debian's package with "
						+ "'apt-get install -y --no-install-recommends python3-pandas' (the project's test command "
						+ ".ci/test does so when run as root)\n" + output);
			}
			return python;
		}
		catch (IOException ex) {
			throw new AssertionError(python + " could not be started; the sales report's test needs it with pandas", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

}
