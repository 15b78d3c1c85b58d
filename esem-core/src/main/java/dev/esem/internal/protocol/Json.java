package dev.esem.internal.protocol;

import dev.esem.internal.json.PythonNames;
import dev.esem.internal.json.StrictValues;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.introspect.AnnotationIntrospectorPair;
import tools.jackson.databind.introspect.JacksonAnnotationIntrospector;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * The Jackson set-up for one bridge: NaN and Infinity as bare literals (as Python's
 * {@code json} writes them) and read limits that follow the bridge's frame limits; for
 * results, a strict mapper that converts a value only when nothing is lost.
 */
public final class Json {

	private final JsonMapper mapper;

	private final JsonMapper results;

	private final BeanFlattener beans;

	public Json(int maxFrameBytes, int maxDepth) {
		JsonFactory factory = JsonFactory.builder()
			.enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
			.disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
			.streamReadConstraints(StreamReadConstraints.builder()
				// a tag adds one object level around its payload
				.maxNestingDepth(2 * maxDepth + 8)
				.maxDocumentLength(maxFrameBytes)
				.maxStringLength(maxFrameBytes)
				.maxNumberLength(maxFrameBytes)
				.build())
			.build();
		this.mapper = JsonMapper.builder(factory)
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.annotationIntrospector(new AnnotationIntrospectorPair(new PythonNames(),
					new JacksonAnnotationIntrospector()))
			.build();
		this.results = strict(this.mapper);
		this.beans = new BeanFlattener(this.mapper);
	}

	/** The mapper for records, POJOs and typed results. Never uses default typing. */
	public JsonMapper mapper() {
		return this.mapper;
	}

	/**
	 * The mapper for typed results: none of Jackson's lenient defaults. No number becomes a
	 * string, no string a number or boolean, no boolean a number, no number an enum; a
	 * missing value fails a primitive; floats follow {@link StrictValues}.
	 */
	public JsonMapper results() {
		return this.results;
	}

	private static JsonMapper strict(JsonMapper mapper) {
		return mapper.rebuild()
			.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
			.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
			.withCoercionConfig(LogicalType.Textual, (config) -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
				.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
				.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
			.addModule(StrictValues.module())
			.build();
	}

	BeanFlattener beans() {
		return this.beans;
	}

}
