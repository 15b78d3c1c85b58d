package dev.esem.spring.aot;

import dev.esem.NDArray;
import dev.esem.PyObject;
import dev.esem.PythonInstance;
import dev.esem.internal.json.HandleSerializer;
import dev.esem.internal.json.NDArraySerializer;
import dev.esem.spring.autoconfigure.EsemProperties;

import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.util.ReflectionUtils;

/**
 * What esem itself needs in a native image, whatever the application's interfaces: the
 * worker archive the workers run, the Python sources at the default
 * {@code esem.python-path} location, and the types whose Jackson annotations or
 * reflective calls esem relies on (arrays, tables and Python object handles).
 */
class EsemRuntimeHints implements RuntimeHintsRegistrar {

	/** The worker package, unpacked from esem-core's jar when the first worker starts. */
	static final String WORKER_ARCHIVE = "dev/esem/worker/esem_worker.zip";

	/** A value type of the data world; registered by name so these hints hold with or without it. */
	static final TypeReference TABLE = TypeReference.of("dev.esem.Table");

	/** Writes the beans inside records as they are, replacing the handles' own serializer (a mix-in). */
	private static final TypeReference KEPT_AS_IS = TypeReference.of("dev.esem.internal.protocol.BeanFlattener$KeptAsIs");

	private static final TypeReference AS_IS = TypeReference.of("dev.esem.internal.protocol.BeanFlattener$AsIs");

	@Override
	public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
		hints.resources().registerPattern(WORKER_ARCHIVE);
		hints.resources().registerPattern(PythonSourceLocations.resourcePattern(EsemProperties.DEFAULT_PYTHON_PATH));

		// @JsonSerialize(using = ...) on the class: Jackson reads the annotation and creates the serializer
		hints.reflection().registerType(NDArray.class);
		hints.reflection().registerType(PyObject.class);
		hints.reflection().registerType(NDArraySerializer.class, MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS);
		hints.reflection().registerType(HandleSerializer.class, MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS);
		hints.reflection().registerType(KEPT_AS_IS);
		hints.reflection().registerType(AS_IS, MemberCategory.INVOKE_DECLARED_CONSTRUCTORS);
		hints.reflection().registerType(TABLE, MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS,
				MemberCategory.INVOKE_PUBLIC_METHODS);

		// the PythonInstance methods of a view run reflectively on the object behind it
		hints.reflection().registerType(PythonInstance.class, MemberCategory.INVOKE_PUBLIC_METHODS);
		hints.reflection().registerMethod(ReflectionUtils.findMethod(AutoCloseable.class, "close"),
				ExecutableMode.INVOKE);
	}

}
