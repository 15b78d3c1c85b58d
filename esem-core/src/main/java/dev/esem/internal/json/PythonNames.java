package dev.esem.internal.json;

import dev.esem.annotation.PythonName;
import tools.jackson.core.Version;
import tools.jackson.databind.PropertyName;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.NopAnnotationIntrospector;

/**
 * Makes {@link PythonName} on a record component or bean property the name it has on
 * the wire, both ways, for the bridge's own mapper only: a plain Jackson mapper knows
 * nothing of the annotation and keeps the Java name, so one record serves as a REST body
 * ({@code userId}) and as a Python value ({@code user_id}).
 */
public final class PythonNames extends NopAnnotationIntrospector {

	private static final long serialVersionUID = 1L;

	@Override
	public Version version() {
		return Version.unknownVersion();
	}

	@Override
	public PropertyName findNameForSerialization(MapperConfig<?> config, Annotated annotated) {
		return pythonName(annotated);
	}

	@Override
	public PropertyName findNameForDeserialization(MapperConfig<?> config, Annotated annotated) {
		return pythonName(annotated);
	}

	private static PropertyName pythonName(Annotated annotated) {
		PythonName name = annotated.getAnnotation(PythonName.class);
		return (name != null) ? PropertyName.construct(name.value()) : null;
	}

}
