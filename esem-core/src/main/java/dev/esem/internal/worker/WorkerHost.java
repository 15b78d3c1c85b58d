package dev.esem.internal.worker;

import java.util.List;

/** What a worker needs from the bridge around it: handles for Python objects, and call reporting. */
public interface WorkerHost extends CallListener {

	/** Makes the Java handle of a Python object that lives in {@code worker}, an argument of a callback. */
	Object adopt(Worker worker, String refId, String pythonClass, String module, List<String> methods);

	/**
	 * Python in {@code worker} calls a Java function: run it off the calling thread (a
	 * thread that reads replies) and answer with {@link Worker#answer}; also when the
	 * request could not be read ({@code failure} not {@code null}).
	 */
	void callback(Worker worker, long cb, String functionId, List<Object> args, RuntimeException failure);

	/** Python in {@code worker} dropped its callables of these Java functions. */
	void functionsDropped(Worker worker, List<?> ids);

	/** The worker has ended: what Python held there is gone. */
	void workerEnded(Worker worker);

}
