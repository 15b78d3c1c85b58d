package dev.esem.internal.protocol;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.esem.PyObject;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * Turns a record or POJO into a map of its Jackson properties whose values keep their
 * Java types: a {@code BigDecimal}, date, {@code byte[]}, set or map inside a record
 * then crosses with the same fidelity as at the top level, instead of as the plain JSON
 * Jackson would write for it.
 */
final class BeanFlattener {

	/** Values the {@link ValueEncoder} maps itself, kept as they are inside beans. */
	private static final List<Class<?>> KEPT = List.of(Map.class, Collection.class, BigDecimal.class,
			BigInteger.class, byte[].class, LocalDate.class, LocalTime.class, LocalDateTime.class,
			OffsetDateTime.class, ZonedDateTime.class, Instant.class, PyObject.class);

	private final JsonMapper mapper;

	BeanFlattener(JsonMapper mapper) {
		SimpleModule keep = new SimpleModule("esem-keep-values");
		ValueSerializer<Object> asIs = new ValueSerializer<>() {
			@Override
			public void serialize(Object value, JsonGenerator out, SerializationContext context) {
				out.writeEmbeddedObject(value);
			}
		};
		for (Class<?> type : KEPT) {
			keep.addSerializer(type, asIs);
		}
		this.mapper = mapper.rebuild().addModule(keep).build();
	}

	@SuppressWarnings("unchecked")
	Map<String, Object> flatten(Object bean) {
		return this.mapper.convertValue(bean, LinkedHashMap.class);
	}

}
