package dev.esem.internal.worker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.esem.internal.Durations;
import dev.esem.internal.protocol.RequestEncoder;
import dev.esem.internal.protocol.Wire;

/** Asks the ready workers of a pool how they are, for health checks. */
public final class WorkerPings {

	private static final CallTarget PING = CallTarget.internal(Wire.OP_PING);

	private WorkerPings() {
	}

	/**
	 * Asks every ready worker for its state within {@code timeout}, noting the registry
	 * size each reports; a worker busy with calls in flight that cannot answer in time
	 * counts as busy, not down. Returns the problems found, by slot.
	 */
	public static Map<Integer, String> ping(WorkerPool pool, RequestEncoder requests, Duration timeout) {
		Map<Integer, String> issues = new TreeMap<>();
		List<Worker> ready = pool.readyWorkers();
		List<CompletableFuture<Object>> answers = new ArrayList<>();
		for (Worker worker : ready) {
			answers.add(worker.submit(new Call(PING, requests.simple(Wire.OP_PING), timeout, ResultReader.VALUES)));
		}
		for (int i = 0; i < ready.size(); i++) {
			Worker worker = ready.get(i);
			try {
				Map<?, ?> answer = (Map<?, ?>) answers.get(i).get(timeout.toMillis() + 100, TimeUnit.MILLISECONDS);
				worker.reportRegistrySize(((Number) answer.get(Wire.PING_REGISTRY)).intValue());
			}
			catch (ExecutionException | TimeoutException ex) {
				if (worker.inFlight() == 0) {
					issues.put(worker.slotId(), "did not answer a ping within " + Durations.format(timeout));
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				issues.put(worker.slotId(), "interrupted");
			}
		}
		return issues;
	}

}
