package dev.esem.internal.protocol;

import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.esem.NDArray;
import dev.esem.PyObject;
import dev.esem.PythonInstance;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.SerializationConfig;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.annotation.JsonSerialize;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.ValueSerializerModifier;

/**
 * Turns a record or POJO into a map of its Jackson properties whose values keep their
 * Java types: a {@code BigDecimal}, date, {@code byte[]}, set or map inside a record
 * then crosses with the same fidelity as at the top level, instead of as the plain JSON
 * Jackson would write for it. Java functions are kept too, for the {@link ValueEncoder}
 * to refuse them.
 */
final class BeanFlattener {

	/** Values the {@link ValueEncoder} maps itself, kept as they are inside beans. */
	private static final List<Class<?>> KEPT = List.of(Map.class, Collection.class, BigDecimal.class,
			BigInteger.class, byte[].class, LocalDate.class, LocalTime.class, LocalDateTime.class,
			OffsetDateTime.class, ZonedDateTime.class, Instant.class, Duration.class, UUID.class);

	/** Kept types whose own {@code @JsonSerialize} (which a module cannot override) a mix-in replaces. */
	private static final List<Class<?>> ANNOTATED = List.of(NDArray.class, PyObject.class, PythonInstance.class);

	private final JsonMapper mapper;

	BeanFlattener(JsonMapper mapper) {
		SimpleModule keep = new SimpleModule("esem-keep-values");
		ValueSerializer<Object> asIs = new AsIs();
		for (Class<?> type : KEPT) {
			keep.addSerializer(type, asIs);
		}
		for (Class<?> type : ANNOTATED) {
			keep.setMixInAnnotation(type, KeptAsIs.class);
		}
		keep.setSerializerModifier(new ValueSerializerModifier() {
			@Override
			public ValueSerializer<?> modifySerializer(SerializationConfig config, BeanDescription.Supplier bean,
					ValueSerializer<?> serializer) {
				Class<?> type = bean.getBeanClass();
				// interface proxies may be Python object views; Java functions are refused later
				return (Proxy.isProxyClass(type) || Functions.isFunction(type)) ? asIs : serializer;
			}
		});
		this.mapper = mapper.rebuild().addModule(keep).build();
	}

	/** Hands the value over as it is, for the {@link ValueEncoder}. */
	static final class AsIs extends ValueSerializer<Object> {

		@Override
		public void serialize(Object value, JsonGenerator out, SerializationContext context) {
			out.writeEmbeddedObject(value);
		}

	}

	@JsonSerialize(using = AsIs.class)
	private abstract static class KeptAsIs {

	}

	/**
	 * The bean's properties as a map; a list for a bean that Jackson writes as an array
	 * (a record annotated {@code @JsonFormat(shape = ARRAY)}, such as a generated tuple).
	 */
	Object flatten(Object bean) {
		return this.mapper.convertValue(bean, Object.class);
	}

}
