package dev.esem.internal.worker;

import java.util.List;

import dev.esem.monitor.CallOutcome;

/** What a worker needs from the bridge around it. */
public interface WorkerHost {

	/** Makes the Java handle of a Python object that lives in {@code worker}. */
	Object adopt(Worker worker, String refId, String pythonClass, String module, List<String> methods,
			Throwable creationSite);

	/** A call sent to a worker ended. Runs on the completing thread; must not block. */
	void callEnded(CallTarget target, CallOutcome outcome, long nanos);

	/** A call timed out on {@code worker}. */
	void callTimedOut(Worker worker, CallTarget target);

	/** The worker's process ended, for any reason. */
	void workerEnded(Worker worker, String reason);

}
