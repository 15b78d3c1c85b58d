package dev.esem;

import dev.esem.internal.json.HandleSerializer;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * An interface that typed instance interfaces may extend to reach the Python object
 * behind them. Like a {@link PyObject}, it is not a value that Jackson writes as JSON.
 */
@JsonSerialize(using = HandleSerializer.class)
public interface PythonInstance extends AutoCloseable {

	String refId();

	void release();

	@Override
	void close();

	/** Calls any method by name, listed in the interface or not. */
	Object call(String method, Object... args);

}
