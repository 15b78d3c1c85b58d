package dev.esem.internal.json;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.KeyDeserializer;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.ArrayType;
import tools.jackson.databind.type.CollectionLikeType;
import tools.jackson.databind.type.CollectionType;
import tools.jackson.databind.type.MapLikeType;
import tools.jackson.databind.type.MapType;
import tools.jackson.databind.type.ReferenceType;

/**
 * What Jackson's coercion settings cannot say about a float read into a typed target: a
 * float becomes an integral type only when it is a whole number in range ({@code 2.0} →
 * {@code 2}, {@code 1.7} fails, where Jackson would cut it); {@code NaN}, which pandas
 * uses to mark a missing int or string, becomes {@code null} in every target that is not
 * a floating-point one, and fails in a primitive. Floating-point targets keep
 * {@code NaN}. Every other token goes to Jackson's own deserializer. Arrays of primitives
 * read their elements through these rules too (Jackson's own would cut {@code 1.7} to
 * {@code 1} and read {@code NaN} as {@code 0}).
 */
public final class StrictValues extends ValueDeserializerModifier {

	/** Targets that hold a float as it is, {@code NaN} included. */
	private static final Set<Class<?>> FLOATING = Set.of(double.class, Double.class, float.class, Float.class,
			Number.class, Object.class);

	public static SimpleModule module() {
		SimpleModule module = new SimpleModule("esem-strict-values");
		module.setDeserializerModifier(new StrictValues());
		return module;
	}

	@Override
	public ValueDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription.Supplier bean,
			ValueDeserializer<?> deserializer) {
		return wrap(bean.getType(), deserializer);
	}

	@Override
	public ValueDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
			BeanDescription.Supplier bean, ValueDeserializer<?> deserializer) {
		return wrap(type, deserializer);
	}

	@Override
	public ValueDeserializer<?> modifyReferenceDeserializer(DeserializationConfig config, ReferenceType type,
			BeanDescription.Supplier bean, ValueDeserializer<?> deserializer) {
		return wrap(type, deserializer);
	}

	@Override
	public ValueDeserializer<?> modifyArrayDeserializer(DeserializationConfig config, ArrayType type,
			BeanDescription.Supplier bean, ValueDeserializer<?> deserializer) {
		Class<?> element = type.getContentType().getRawClass();
		if (element.isPrimitive() && element != byte.class && element != char.class) {
			return new FloatAware(type.getRawClass(), new PrimitiveArray(type.getRawClass(), element));
		}
		return wrap(type, deserializer);
	}

	@Override
	public ValueDeserializer<?> modifyCollectionDeserializer(DeserializationConfig config, CollectionType type,
			BeanDescription.Supplier bean, ValueDeserializer<?> deserializer) {
		return wrap(type, deserializer);
	}

	@Override
	public ValueDeserializer<?> modifyCollectionLikeDeserializer(DeserializationConfig config,
			CollectionLikeType type, BeanDescription.Supplier bean, ValueDeserializer<?> deserializer) {
		return wrap(type, deserializer);
	}

	@Override
	public ValueDeserializer<?> modifyMapDeserializer(DeserializationConfig config, MapType type,
			BeanDescription.Supplier bean, ValueDeserializer<?> deserializer) {
		return wrap(type, deserializer);
	}

	@Override
	public ValueDeserializer<?> modifyMapLikeDeserializer(DeserializationConfig config, MapLikeType type,
			BeanDescription.Supplier bean, ValueDeserializer<?> deserializer) {
		return wrap(type, deserializer);
	}

	@Override
	public KeyDeserializer modifyKeyDeserializer(DeserializationConfig config, JavaType type,
			KeyDeserializer deserializer) {
		return deserializer;
	}

	private static ValueDeserializer<?> wrap(JavaType type, ValueDeserializer<?> deserializer) {
		Class<?> target = type.getRawClass();
		return FLOATING.contains(target) ? deserializer : new FloatAware(target, deserializer);
	}

	/** Reads a float token itself for a target that is not floating-point; else delegates. */
	private static final class FloatAware extends DelegatingDeserializer {

		private final Class<?> target;

		FloatAware(Class<?> target, ValueDeserializer<?> delegate) {
			super(delegate);
			this.target = target;
		}

		@Override
		protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
			return new FloatAware(this.target, delegate);
		}

		@Override
		public Object deserialize(JsonParser in, DeserializationContext context) {
			if (in.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
				double value = in.getDoubleValue();
				if (Double.isNaN(value)) {
					if (this.target.isPrimitive()) {
						return context.reportInputMismatch(this.target,
								"NaN marks a missing value, and a primitive %s cannot be missing", this.target.getName());
					}
					return this._delegatee.getNullValue(context);
				}
				Object integral = integral(value, context);
				if (integral != null) {
					return integral;
				}
			}
			return this._delegatee.deserialize(in, context);
		}

		/** The float as this integral target, or {@code null} when the target is not integral. */
		private Object integral(double value, DeserializationContext context) {
			Class<?> t = this.target;
			boolean isInt = t == int.class || t == Integer.class;
			boolean isLong = t == long.class || t == Long.class;
			boolean isShort = t == short.class || t == Short.class;
			boolean isByte = t == byte.class || t == Byte.class;
			boolean isBig = t == BigInteger.class;
			if (!isInt && !isLong && !isShort && !isByte && !isBig) {
				return null;
			}
			if (value != Math.rint(value) || Double.isInfinite(value)) {
				return context.reportInputMismatch(t, "%s is not a whole number", value);
			}
			if (isBig) {
				return new BigDecimal(value).toBigInteger();
			}
			double min = isInt ? Integer.MIN_VALUE : isLong ? Long.MIN_VALUE : isShort ? Short.MIN_VALUE : Byte.MIN_VALUE;
			double max = isInt ? Integer.MAX_VALUE : isLong ? 0x1p63 : isShort ? Short.MAX_VALUE : Byte.MAX_VALUE;
			if (value < min || (isLong ? value >= max : value > max)) {
				return context.reportInputMismatch(t, "%s is out of the range of %s", value, t.getName());
			}
			long whole = (long) value;
			if (isInt) {
				return (int) whole;
			}
			if (isShort) {
				return (short) whole;
			}
			return isByte ? (Object) (byte) whole : (Object) whole;
		}

	}

	/** A primitive array whose elements are read one by one by the element type's (strict) deserializer. */
	private static final class PrimitiveArray extends StdDeserializer<Object> {

		private final Class<?> element;

		PrimitiveArray(Class<?> arrayType, Class<?> element) {
			super(arrayType);
			this.element = element;
		}

		@Override
		public Object deserialize(JsonParser in, DeserializationContext context) {
			if (!in.isExpectedStartArrayToken()) {
				return context.handleUnexpectedToken(handledType(), in);
			}
			ValueDeserializer<Object> elements = context.findRootValueDeserializer(context.constructType(this.element));
			List<Object> values = new ArrayList<>();
			while (in.nextToken() != JsonToken.END_ARRAY) {
				try {
					values.add((in.currentToken() == JsonToken.VALUE_NULL) ? elements.getNullValue(context)
							: elements.deserialize(in, context));
				}
				catch (RuntimeException ex) {
					throw DatabindException.wrapWithPath(context, ex,
							new JacksonException.Reference(handledType(), values.size()));
				}
			}
			Object array = Array.newInstance(this.element, values.size());
			for (int i = 0; i < values.size(); i++) {
				Array.set(array, i, values.get(i));
			}
			return array;
		}

	}

}
