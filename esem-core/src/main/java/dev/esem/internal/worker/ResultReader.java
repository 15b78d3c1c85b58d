package dev.esem.internal.worker;

import java.util.List;

/**
 * How the values in a call's reply become Java values, installed on the {@link Call} by
 * whoever builds it: the Python objects in it become handles, the Java functions and
 * exceptions that Python hands back become themselves again. Runs on the thread that
 * reads the reply; must not block.
 */
public interface ResultReader {

	/** Values only: a reply that holds a Python object or a Java function cannot be read. */
	ResultReader VALUES = new ResultReader() {

		@Override
		public Object adopt(Call call, String refId, String pythonClass, String module, List<String> methods) {
			call.worker().release(refId);
			throw new IllegalStateException(call + " returned the Python object " + refId + ", which it cannot hold");
		}

		@Override
		public Object javaFunction(String id) {
			throw new IllegalArgumentException("Python returned the Java function " + id + ", which is not held here");
		}

		@Override
		public Throwable javaException(String ref) {
			return null;
		}

	};

	/** The Java handle of a Python object in the reply of {@code call}, which lives in {@link Call#worker()}. */
	Object adopt(Call call, String refId, String pythonClass, String module, List<String> methods);

	/** The Java function that Python handed back, by its id; throws when it is no longer held. */
	Object javaFunction(String id);

	/** The Java exception thrown to Python under {@code ref}, or {@code null}. */
	Throwable javaException(String ref);

}
