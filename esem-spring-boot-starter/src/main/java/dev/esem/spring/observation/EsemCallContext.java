package dev.esem.spring.observation;

import java.util.HashMap;
import java.util.Map;

import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.SenderContext;

/**
 * The context of an {@code esem.call} observation: a call sent to a Python worker. A
 * sender context, so a tracer's propagating handler writes the call's W3C
 * {@code traceparent} into its carrier, from where it travels with the request.
 */
public class EsemCallContext extends SenderContext<Map<String, String>> {

	private final String module;

	private final String target;

	private final String worker;

	private String outcome = "unknown";

	public EsemCallContext(String module, String target, String worker) {
		super(Map::put, Kind.CLIENT);
		setCarrier(new HashMap<>(4));
		setRemoteServiceName("python");
		this.module = module;
		this.target = target;
		this.worker = worker;
	}

	/** The Python module, for example {@code pricing}. */
	public String module() {
		return this.module;
	}

	/** The function, {@code Class.method} or class called. */
	public String target() {
		return this.target;
	}

	/** The worker that serves the call, for example {@code worker-1}. */
	public String worker() {
		return this.worker;
	}

	/** How the call ended ({@code success}, {@code python_error}, ...); {@code unknown} until then. */
	public String outcome() {
		return this.outcome;
	}

	void outcome(String outcome) {
		this.outcome = outcome;
	}

	/** The W3C traceparent that a tracer wrote, or {@code null} without one. */
	String traceparent() {
		Map<String, String> carrier = getCarrier();
		return (carrier != null) ? carrier.get("traceparent") : null;
	}

}
