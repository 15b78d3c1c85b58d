package dev.esem.benchmarks;

import java.nio.file.Path;
import java.util.Collection;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

import dev.esem.NDArray;
import dev.esem.PyModule;
import dev.esem.PyObject;
import dev.esem.PythonBridge;

/** The esem side of the benchmarks: timed calls on one bridge and its {@code bench} module. */
final class EsemLoad implements AutoCloseable {

	final PythonBridge bridge;

	final PyModule bench;

	EsemLoad(String python, Path scripts, int workers) {
		this.bridge = PythonBridge.builder()
			.python(python)
			.pythonPath(scripts)
			.workingDirectory(scripts)
			.workers(workers)
			.build();
		this.bench = this.bridge.module("bench");
	}

	/** Microseconds per blocking {@code add}, {@code count} in a row. */
	double sequentialMicros(int count) {
		long begin = System.nanoTime();
		for (int i = 0; i < count; i++) {
			this.bench.call("add", i, 1);
		}
		return (System.nanoTime() - begin) / 1e3 / count;
	}

	/** Microseconds per construct + method call + release, {@code count} in a row. */
	double cycleMicros(int count) {
		long begin = System.nanoTime();
		for (int i = 0; i < count; i++) {
			PyObject counter = this.bench.construct("Counter", i);
			counter.call("add", 1);
			counter.release();
		}
		return (System.nanoTime() - begin) / 1e3 / count;
	}

	/**
	 * Microseconds per construct + method call + release with the constructor sent
	 * one-way ({@code constructPipelined}), {@code count} in a row; the first construct of
	 * the class through the module waits, as it must.
	 */
	double pipelinedCycleMicros(int count) {
		long begin = System.nanoTime();
		for (int i = 0; i < count; i++) {
			PyObject counter = this.bench.constructPipelined("Counter", i);
			counter.call("add", 1);
			counter.release();
		}
		return (System.nanoTime() - begin) / 1e3 / count;
	}

	/** Calls per second of {@code callAsync("add")} with {@code inFlight} calls outstanding. */
	double pipelinedPerSecond(int count, int inFlight) throws Exception {
		return asyncPerSecond(count, inFlight, "add", i -> new Object[] { i, 1 });
	}

	/** Calls per second of CPU-bound {@code burn(iterations)} with {@code inFlight} calls outstanding. */
	double burnPerSecond(int count, int inFlight, int iterations) throws Exception {
		return asyncPerSecond(count, inFlight, "burn", i -> new Object[] { iterations });
	}

	private double asyncPerSecond(int count, int inFlight, String function, IntFunction<Object[]> arguments)
			throws Exception {
		Semaphore window = new Semaphore(inFlight);
		AtomicReference<Throwable> failure = new AtomicReference<>();
		long begin = System.nanoTime();
		for (int i = 0; i < count; i++) {
			window.acquire();
			this.bench.callAsync(function, arguments.apply(i)).whenComplete((value, error) -> {
				if (error != null) {
					failure.compareAndSet(null, error);
				}
				window.release();
			});
		}
		window.acquire(inFlight);
		long elapsed = System.nanoTime() - begin;
		window.release(inFlight);
		if (failure.get() != null) {
			throw new IllegalStateException("A benchmark call failed", failure.get());
		}
		return count / (elapsed / 1e9);
	}

	/** Milliseconds per {@code echo(value)}; checks that the echo has the value's size. */
	double echoMillis(Object value, int count) {
		long begin = System.nanoTime();
		for (int i = 0; i < count; i++) {
			Object echoed = this.bench.call("echo", value);
			if (size(echoed) != size(value)) {
				throw new IllegalStateException("The echo differs from the value sent");
			}
		}
		return (System.nanoTime() - begin) / 1e6 / count;
	}

	/** Milliseconds per {@code length(values)}: a {@code double[]} argument. */
	double argumentMillis(double[] values, int count) {
		long begin = System.nanoTime();
		for (int i = 0; i < count; i++) {
			if (((Number) this.bench.call("length", values)).intValue() != values.length) {
				throw new IllegalStateException("Python saw another length");
			}
		}
		return (System.nanoTime() - begin) / 1e6 / count;
	}

	/** Milliseconds per {@code floats(size)}: a Python list of floats as the result. */
	double floatsMillis(int size, int count) {
		long begin = System.nanoTime();
		for (int i = 0; i < count; i++) {
			if (((Collection<?>) this.bench.call("floats", size)).size() != size) {
				throw new IllegalStateException("The result has another size");
			}
		}
		return (System.nanoTime() - begin) / 1e6 / count;
	}

	private static int size(Object value) {
		if (value instanceof Collection<?> collection) {
			return collection.size();
		}
		if (value instanceof byte[] bytes) {
			return bytes.length;
		}
		if (value instanceof NDArray array) {
			return array.size();
		}
		return ((String) value).length();
	}

	@Override
	public void close() {
		this.bridge.close();
	}

}
