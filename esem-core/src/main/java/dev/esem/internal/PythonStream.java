package dev.esem.internal;

import java.time.Duration;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import dev.esem.internal.protocol.Wire;
import dev.esem.internal.worker.Calls;

/**
 * The items of a Python iterable, pulled in batches: the next batch is asked for as
 * soon as the consumer starts on the current one, so the consumer rarely waits. The
 * Python side of the stream is a registry object; it is closed (the generator's
 * {@code finally} runs) and released when the stream is closed, reaches its end, or
 * fails. A stream that is dropped unclosed is released like any leaked object.
 */
final class PythonStream implements Iterator<Object> {

	/** Whether a Python object is the worker side of a stream. */
	static boolean isStream(String module, String pythonClass) {
		return "Stream".equals(pythonClass) && "esem_worker.streams".equals(module);
	}

	/** The most items one batch carries. */
	static final int BATCH = 16_384;

	private final BridgeRuntime runtime;

	private final ObjectHandle source;

	private final Duration timeout;

	private Iterator<?> batch = Collections.emptyIterator();

	private CompletableFuture<Object> ahead;

	private boolean ended;

	PythonStream(BridgeRuntime runtime, ObjectHandle source, Duration timeout) {
		this.runtime = runtime;
		this.source = source;
		this.timeout = timeout;
		this.ahead = runtime.streamNext(source, BATCH, timeout);
	}

	Stream<Object> stream() {
		return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED), false)
			.onClose(this::close);
	}

	@Override
	public boolean hasNext() {
		while (!this.batch.hasNext()) {
			if (this.ended) {
				return false;
			}
			Map<?, ?> next;
			try {
				next = (Map<?, ?>) Calls.join(this.ahead);
			}
			catch (RuntimeException ex) {
				close();
				throw ex;
			}
			this.batch = ((List<?>) next.get(Wire.ITEMS)).iterator();
			if (Boolean.TRUE.equals(next.get(Wire.DONE))) {
				this.ended = true;
				this.source.release(); // the generator has finished: nothing left to close
			}
			else {
				this.ahead = this.runtime.streamNext(this.source, BATCH, this.timeout);
			}
		}
		return true;
	}

	@Override
	public Object next() {
		if (!hasNext()) {
			throw new NoSuchElementException("The Python stream has ended");
		}
		return this.batch.next();
	}

	/** Closes the Python generator and releases it; idempotent. */
	void close() {
		if (this.ended) {
			return;
		}
		this.ended = true;
		this.batch = Collections.emptyIterator();
		if (this.source.isReleased()) {
			return;
		}
		// after the batch asked for ahead, which the worker runs first
		this.ahead.whenComplete((value, failure) -> this.runtime.streamClose(this.source));
	}

}
