package dev.esem.internal.worker;

import dev.esem.monitor.CallObservation;
import dev.esem.monitor.CallOutcome;

/** Hears of the start and end of every user call; runs on the thread that starts or ends it and must not block. */
public interface CallListener {

	void callStarted(CallTarget target);

	/**
	 * What observes a call that starts on {@code worker}, or {@code null}; {@code refId}
	 * is the object it addresses, or {@code null}.
	 */
	CallObservation observeCall(CallTarget target, String worker, String refId);

	void callEnded(CallTarget target, CallOutcome outcome, long nanos);

}
