package dev.esem.internal.stats;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

import dev.esem.internal.worker.CallListener;
import dev.esem.internal.worker.CallTarget;
import dev.esem.monitor.BridgeListener;
import dev.esem.monitor.CallObservation;
import dev.esem.monitor.CallOutcome;
import dev.esem.monitor.CallStats;
import dev.esem.monitor.LeakReport;

/**
 * What one bridge tells its {@link BridgeListener}s, and the call statistics it keeps:
 * the start and end of every user call (counted by the {@link CallRecorder}), batches
 * sent, workers restarted and instances leaked.
 */
public final class BridgeEvents implements CallListener {

	private final CallRecorder recorder = new CallRecorder();

	private final List<BridgeListener> listeners = new CopyOnWriteArrayList<>();

	private final Executor completions;

	/** @param completions where listeners hear of restarts: a listener may call Python there, or close the bridge */
	public BridgeEvents(List<BridgeListener> listeners, Executor completions) {
		this.listeners.addAll(listeners);
		this.completions = completions;
	}

	public void addListener(BridgeListener listener) {
		this.listeners.add(listener);
	}

	@Override
	public void callStarted(CallTarget target) {
		this.recorder.started();
		for (BridgeListener listener : this.listeners) {
			listener.callStarted(target.module(), target.target());
		}
	}

	@Override
	public CallObservation observeCall(CallTarget target, String worker, String refId) {
		for (BridgeListener listener : this.listeners) {
			CallObservation observation = listener.observeCall(target.module(), target.target(), worker, refId);
			if (observation != null) {
				return observation;
			}
		}
		return null;
	}

	@Override
	public void callEnded(CallTarget target, CallOutcome outcome, long nanos) {
		this.recorder.ended(target, outcome, nanos);
		for (BridgeListener listener : this.listeners) {
			listener.callEnded(target.module(), target.target(), outcome, nanos);
		}
	}

	public void batchSent(CallTarget target, int size, long[] queueWaitNanos) {
		for (BridgeListener listener : this.listeners) {
			listener.batchSent(target.module(), target.target(), size, queueWaitNanos);
		}
	}

	/** Tells the listeners on the completion executor: a listener may call Python, or even close the bridge. */
	public void workerRestarted(int slotId, String reason) {
		this.completions.execute(() -> {
			for (BridgeListener listener : this.listeners) {
				listener.workerRestarted(slotId, reason);
			}
		});
	}

	public void instanceLeaked(LeakReport report) {
		for (BridgeListener listener : this.listeners) {
			listener.instanceLeaked(report);
		}
	}

	public List<CallStats> callStats() {
		return this.recorder.snapshot();
	}

	public int activeCalls() {
		return this.recorder.active();
	}

}
