package dev.esem.maven;

/**
 * Per-function options of the plugin configuration, which become annotations on the
 * generated methods:
 *
 * <pre>{@code
 * <functions>
 *   <function>
 *     <module>jobs.py</module>
 *     <name>crunch</name>               <!-- or Class.method -->
 *     <timeout>750ms</timeout>          <!-- @PythonTimeout("750ms") -->
 *     <batchMaxSize>64</batchMaxSize>   <!-- @PythonBatch(maxSize = 64, ...) -->
 *     <batchMaxDelay>5ms</batchMaxDelay>
 *   </function>
 * </functions>
 * }</pre>
 */
public class FunctionOptions {

	/** The module spec, as in {@code @PythonModule} ({@code jobs.py}). */
	private String module;

	/** The Python function, or {@code Class.method} for a method. */
	private String name;

	/** The timeout of each call ({@code 750ms}, {@code 2s}, ISO-8601): {@code @PythonTimeout}. */
	private String timeout;

	/** The most items in one batch: with {@link #batchMaxDelay}, {@code @PythonBatch}. */
	private Integer batchMaxSize;

	/** The longest a call waits for others to join its batch ({@code 5ms}). */
	private String batchMaxDelay;

	public FunctionOptions() {
	}

	FunctionOptions(String module, String name, String timeout, Integer batchMaxSize, String batchMaxDelay) {
		this.module = module;
		this.name = name;
		this.timeout = timeout;
		this.batchMaxSize = batchMaxSize;
		this.batchMaxDelay = batchMaxDelay;
	}

	String module() {
		return this.module;
	}

	String name() {
		return this.name;
	}

	String timeout() {
		return this.timeout;
	}

	Integer batchMaxSize() {
		return this.batchMaxSize;
	}

	String batchMaxDelay() {
		return this.batchMaxDelay;
	}

	/** Whether this entry asks for batching. */
	boolean batched() {
		return this.batchMaxSize != null || this.batchMaxDelay != null;
	}

	/** The Python class of a {@code Class.method} entry, else {@code null}. */
	String pythonClass() {
		int dot = this.name.lastIndexOf('.');
		return (dot > 0) ? this.name.substring(0, dot) : null;
	}

	/** The function or method name. */
	String member() {
		return this.name.substring(this.name.lastIndexOf('.') + 1);
	}

	@Override
	public String toString() {
		return "<function> " + this.module + " " + this.name;
	}

}
