package dev.esem.internal.worker;

import dev.esem.internal.protocol.FrameHeader;
import tools.jackson.core.JsonParser;

/**
 * Where a worker hands the frames that Python sends on its own rather than as a reply:
 * its calls of Java functions ({@code {"cb":n,"fn":id,"args":[...]}}) and its drops of
 * them ({@code {"ev":"fndrop","ids":[...]}}). Given to the worker when it is made, so
 * the worker needs nothing else from the bridge around it.
 * <p>
 * Runs on the thread that reads the worker's output: it must read the frame before it
 * returns (its bytes are reused), must not block, and must hand the work of a call to
 * {@link Worker#runCallback}, whose answer goes back through {@link Worker#answer}.
 */
@FunctionalInterface
public interface PythonRequests {

	/**
	 * A frame of {@code worker}, its header {@code head} read already from {@code in}
	 * (which is at the member that {@link FrameHeader.Head#next()} names), with its
	 * segments or {@code null}.
	 */
	void received(Worker worker, FrameHeader.Head head, JsonParser in, byte[][] segments);

}
