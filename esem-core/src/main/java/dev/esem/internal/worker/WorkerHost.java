package dev.esem.internal.worker;

import java.util.List;

/** What a worker needs from the bridge around it: handles for Python objects, and call reporting. */
public interface WorkerHost extends CallListener {

	/** Makes the Java handle of a Python object that lives in {@code worker}. */
	Object adopt(Worker worker, String refId, String pythonClass, String module, List<String> methods,
			Throwable creationSite);

}
