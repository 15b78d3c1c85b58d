package dev.esem.internal.protocol;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.introspect.AnnotationIntrospectorPair;
import tools.jackson.databind.introspect.JacksonAnnotationIntrospector;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Jackson set-up for one bridge: NaN and Infinity as bare literals (as Python's
 * {@code json} writes them) and read limits that follow the bridge's frame limits.
 */
public final class Json {

	private final JsonMapper mapper;

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
		this.beans = new BeanFlattener(this.mapper);
	}

	/** The mapper for records, POJOs and typed results. Never uses default typing. */
	public JsonMapper mapper() {
		return this.mapper;
	}

	BeanFlattener beans() {
		return this.beans;
	}

}
