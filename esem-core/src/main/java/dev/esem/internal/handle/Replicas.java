package dev.esem.internal.handle;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.esem.PythonException;
import dev.esem.PythonWorkerException;
import dev.esem.internal.worker.Worker;
import dev.esem.monitor.WorkerInfo;

/**
 * The replicated objects of a bridge: every new worker builds a replica of each before
 * it takes calls, and a worker whose replica fails to build stays out of service.
 */
final class Replicas {

	private final Set<ReplicatedObject> objects = ConcurrentHashMap.newKeySet();

	/** Why a replica failed to build in a slot, by slot id, until one builds there. */
	private final Map<Integer, String> failures = new ConcurrentHashMap<>();

	void add(ReplicatedObject object) {
		this.objects.add(object);
	}

	void remove(ReplicatedObject object) {
		this.objects.remove(object);
	}

	/**
	 * Builds every replicated object on a new worker, waiting for each; throws naming the
	 * Python error when one fails, so the worker does not become ready.
	 */
	void buildOn(Worker worker) {
		for (ReplicatedObject object : this.objects) {
			try {
				object.replicaOn(worker).join();
			}
			catch (RuntimeException ex) {
				if (object.isReleased()) {
					continue;
				}
				Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
				String failure = "the replica of " + object.describe() + " failed to build in " + worker.name()
						+ ": " + describe(cause);
				this.failures.put(worker.slotId(), failure);
				throw new PythonWorkerException("Python " + worker.name() + " stays out of service: " + failure,
						cause);
			}
		}
		this.failures.remove(worker.slotId());
	}

	private static String describe(Throwable failure) {
		return (failure instanceof PythonException python) ? python.pythonType() + ": " + python.getMessage()
				: failure.getMessage();
	}

	void workerEnded(Worker worker) {
		this.objects.forEach(object -> object.workerEnded(worker));
	}

	/** The slots' infos with their replicas. */
	List<WorkerInfo> describe(List<WorkerInfo> infos) {
		return infos.stream().map(info -> {
			int count = 0;
			for (ReplicatedObject object : this.objects) {
				count += object.replicasInSlot(info.id(), info.pid());
			}
			return info.withReplicas(count, this.failures.get(info.id()));
		}).toList();
	}

}
