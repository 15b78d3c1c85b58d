package dev.esem.internal.handle;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.esem.internal.callback.JavaFunctions;
import dev.esem.internal.registry.LeakTracker;
import dev.esem.internal.registry.LiveHandles;
import dev.esem.internal.registry.ObjectState;
import dev.esem.internal.worker.Call;
import dev.esem.internal.worker.ResultReader;
import dev.esem.internal.worker.Worker;

/**
 * How the replies of the bridge's calls are read: each Python object in one becomes the
 * Java handle of that object (the one Java holds already, if it does), tracked for
 * leaks when asked; the Java functions and exceptions that Python hands back become
 * themselves again.
 */
public final class ReplyObjects implements ResultReader {

	/** Makes the handle of a new Python object. */
	interface HandleMaker {

		ObjectHandle make(Worker worker, ObjectState state, ClassShape shape);

	}

	private final JavaFunctions functions;

	private final LeakTracker leaks;

	private final boolean leakDetection;

	private final HandleMaker maker;

	/** The handle of each Python object that Java holds, so that an object that comes back gets it again. */
	private final LiveHandles<ObjectHandle> handles = new LiveHandles<>();

	/** The shapes of the Python classes met, by module and class name. */
	private final Map<String, Map<String, ClassShape>> shapes = new ConcurrentHashMap<>();

	ReplyObjects(JavaFunctions functions, LeakTracker leaks, boolean leakDetection, HandleMaker maker) {
		this.functions = functions;
		this.leaks = leaks;
		this.leakDetection = leakDetection;
		this.maker = maker;
	}

	@Override
	public Object adopt(Call call, String refId, String pythonClass, String module, List<String> methods) {
		return adopt(call.worker(), refId, pythonClass, module, methods, call.creationSite());
	}

	/** The handle of an object of {@code worker} that Python hands to Java (made at {@code creationSite}). */
	public Object adopt(Worker worker, String refId, String pythonClass, String module, List<String> methods,
			Throwable creationSite) {
		ObjectState objectState = new ObjectState(refId, pythonClass, module, creationSite, () -> {
			this.handles.forget(refId, ObjectHandle::isReleased);
			releaseInPython(worker, refId, PythonStream.isStream(module, pythonClass));
		});
		ObjectHandle fresh = this.maker.make(worker, objectState, shapeOf(module, pythonClass, methods));
		ObjectHandle handle = this.handles.putIfAbsent(refId, fresh,
				held -> held.worker() == worker && !held.isReleased());
		if (handle != fresh) {
			// An object Java holds already (a method returned self): its one handle again.
			// Python counted this arrival as a hold of its own, which goes back at once.
			worker.release(refId);
			return handle;
		}
		worker.liveObjects().incrementAndGet();
		if (PythonStream.isStream(module, pythonClass)) {
			worker.openStreams().incrementAndGet();
		}
		if (this.leakDetection) {
			handle.watch(this.leaks.track(handle, objectState));
		}
		return handle;
	}

	private ClassShape shapeOf(String module, String pythonClass, List<String> methods) {
		Map<String, ClassShape> ofModule = this.shapes.computeIfAbsent(String.valueOf(module),
				name -> new ConcurrentHashMap<>());
		ClassShape shape = ofModule.get(String.valueOf(pythonClass));
		if (shape == null || !shape.fits(methods)) {
			shape = new ClassShape(module, pythonClass, methods);
			ofModule.put(String.valueOf(pythonClass), shape);
		}
		return shape;
	}

	private static void releaseInPython(Worker worker, String refId, boolean stream) {
		worker.liveObjects().decrementAndGet();
		if (stream) {
			worker.openStreams().decrementAndGet();
		}
		worker.release(refId);
	}

	@Override
	public Object javaFunction(String id) {
		Object function = this.functions.target(id);
		if (function == null) {
			throw new IllegalArgumentException("Python returned the Java function " + id + ", which is no longer held");
		}
		return function;
	}

	@Override
	public Throwable javaException(String ref) {
		return this.functions.recall(ref);
	}

}
