package dev.esem;

/**
 * An interface that typed instance interfaces may extend to reach the Python object
 * behind them.
 */
public interface PythonInstance extends AutoCloseable {

	String refId();

	void release();

	@Override
	void close();

	/** Calls any method by name, listed in the interface or not. */
	Object call(String method, Object... args);

}
