package dev.esem.internal.worker;

/**
 * Where a worker hands the frames that Python sends on its own rather than as a reply:
 * its calls of Java functions ({@code {"cb":n,"fn":id,"args":[...]}}) and its drops of
 * them ({@code {"ev":"fndrop","ids":[...]}}). Given to the worker when it is made, so
 * the worker needs nothing else from the bridge around it.
 * <p>
 * Runs on the thread that reads the worker's output: it must read the frame before it
 * returns (its bytes are reused), must not block, and must hand the work of a call to
 * another thread, whose answer goes back through {@link Worker#answer}.
 */
@FunctionalInterface
public interface PythonRequests {

	/** A frame of {@code worker}, {@code [offset, offset + length)} of {@code bytes}, with its segments or {@code null}. */
	void received(Worker worker, byte[] bytes, int offset, int length, byte[][] segments);

}
