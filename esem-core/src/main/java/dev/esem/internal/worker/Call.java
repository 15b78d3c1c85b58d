package dev.esem.internal.worker;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

import dev.esem.internal.protocol.RequestFrame;
import dev.esem.monitor.CallObservation;

/**
 * One call of Python, from the handle that builds it to the end of its future, which it
 * is: what it addresses, its encoded request, the worker it must run in (or none), its
 * timeout and creation site, the Java functions among its arguments, and how the values
 * of its reply are read. The pool routes it, its {@link Worker} sends it, and the
 * worker's {@link CallLedger} ends it exactly once: by its reply, its timeout, its
 * cancellation or the worker's end.
 * <p>
 * What the builder sets ({@link #pinnedTo}, {@link #about}, ...) is set before the call is
 * sent; what sending sets (its id, deadline and observation) is set before the call is
 * shared with the threads that read replies and time calls out.
 */
public final class Call extends CompletableFuture<Object> {

	private final CallTarget target;

	private final RequestFrame request;

	private final Duration timeout;

	private final ResultReader results;

	private Worker pinned;

	private String refId;

	private boolean newObject;

	private List<String> functions = List.of();

	private Throwable creationSite;

	/** The worker it was sent to, once it is. */
	private volatile Worker worker;

	/** Its request id in its worker, once it is sent. */
	long id;

	long startNanos;

	/** When the call times out, in {@link System#nanoTime()}; set when it is sent. */
	long deadline;

	/**
	 * Whether a caller blocks on it in {@link Worker#call}: such a future is never seen by
	 * user code, so it is completed on whichever thread ends it; any other is completed
	 * on the bridge's completion executor, where user callbacks may block.
	 */
	boolean blocking;

	/** What observes the call (its span), or {@code null}; set before the call is shared. */
	CallObservation observation;

	/**
	 * Where its request ends in the worker's input, in bytes written to it so far, once
	 * it is written: its reply tells that the worker has read up to here.
	 */
	volatile long inputEnd;

	/** Whether a stuck check found this overdue call waiting behind earlier, unanswered ones. */
	volatile boolean queuedBehindOthers;

	/** Ends the call in its worker when its future is cancelled; true when it was still pending. */
	private volatile Predicate<Call> canceller;

	/**
	 * @param target what it addresses, for statistics and messages
	 * @param request its encoded request, without the id, deadline and trace that sending adds
	 * @param timeout how long it may take once sent
	 * @param results how the values of its reply are read
	 */
	public Call(CallTarget target, RequestFrame request, Duration timeout, ResultReader results) {
		this.target = target;
		this.request = request;
		this.timeout = timeout;
		this.results = results;
	}

	/** Pins the call to the worker its object lives in ({@code null}: the pool picks one); returns it. */
	public Call pinnedTo(Worker worker) {
		this.pinned = worker;
		return this;
	}

	/** Marks the call as addressing the object {@code refId} (for observers); returns it. */
	public Call about(String refId) {
		this.refId = refId;
		return this;
	}

	/** Marks the call as making a new Python object (a worker being recycled takes none); returns it. */
	public Call makingObject(boolean newObject) {
		this.newObject = newObject;
		return this;
	}

	/** Notes the ids of the Java functions among its arguments; returns it. */
	public Call carrying(List<String> functions) {
		this.functions = functions;
		return this;
	}

	/** Notes where the call was made (its objects' creation site), or {@code null}; returns it. */
	public Call createdAt(Throwable site) {
		this.creationSite = site;
		return this;
	}

	public CallTarget target() {
		return this.target;
	}

	public RequestFrame request() {
		return this.request;
	}

	public Duration timeout() {
		return this.timeout;
	}

	public ResultReader results() {
		return this.results;
	}

	/** The worker the call must run in, or {@code null} when any will do. */
	public Worker pinned() {
		return this.pinned;
	}

	/** The ref id of the object the call addresses, or {@code null}. */
	public String refId() {
		return this.refId;
	}

	public boolean newObject() {
		return this.newObject;
	}

	/** The ids of the Java functions among its arguments. */
	public List<String> functions() {
		return this.functions;
	}

	/** Where the call was made, when creation sites are tracked; else {@code null}. */
	public Throwable creationSite() {
		return this.creationSite;
	}

	/** The worker the call was sent to, or {@code null} before it is sent. */
	public Worker worker() {
		return this.worker;
	}

	/** Starts the call on {@code worker} as request {@code id}: its clock starts now. */
	void sentAs(Worker worker, long id, boolean blocking) {
		this.worker = worker;
		this.id = id;
		this.blocking = blocking;
		this.startNanos = System.nanoTime();
		this.deadline = this.startNanos + this.timeout.toNanos();
	}

	/** The W3C traceparent to send with the request, or {@code null}. */
	String traceparent() {
		return (this.observation != null) ? this.observation.traceparent() : null;
	}

	void cancelWith(Predicate<Call> canceller) {
		this.canceller = canceller;
	}

	/** Cancels the call in Python too (see {@link Worker#cancel}), and reports its end as cancelled. */
	@Override
	public boolean cancel(boolean mayInterruptIfRunning) {
		Predicate<Call> canceller = this.canceller;
		if (canceller != null && !canceller.test(this)) {
			return isCancelled();
		}
		return super.cancel(mayInterruptIfRunning);
	}

	long elapsedNanos() {
		return System.nanoTime() - this.startNanos;
	}

	@Override
	public String toString() {
		return "Call[" + this.target + ((this.refId != null) ? " on " + this.refId : "") + "]";
	}

}
