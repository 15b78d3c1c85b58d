package dev.esem.spring.autoconfigure;

import dev.esem.PythonBridge;
import dev.esem.PythonFactory;

/**
 * The factory methods behind the beans of {@code @PythonModule} and {@code @PythonClass}
 * interfaces. Thin on purpose: the work is {@code PyModule.bind} and
 * {@code PyModule.factory}. Loading the module here starts the bridge if needed, so a
 * module that fails to import fails the application's startup.
 */
final class PythonInterfaces {

	private PythonInterfaces() {
	}

	static <T> T bindModule(PythonBridge bridge, String module, Class<T> type) {
		return bridge.module(module).bind(type);
	}

	static <T> PythonFactory<T> classFactory(PythonBridge bridge, String module, String className, Class<T> type) {
		return bridge.module(module).factory(className, type);
	}

}
