package dev.esem;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Keyword arguments, immutable. Passed as the last argument of any call,
 * {@code Kwargs.of("precision", 2)} means {@code f(..., precision=2)}.
 */
public final class Kwargs {

	private final Map<String, Object> values;

	private Kwargs(Map<String, Object> values) {
		this.values = values;
	}

	public static Kwargs of(String name, Object value) {
		return from(Map.of()).and(name, value);
	}

	public static Kwargs of(String name1, Object value1, String name2, Object value2) {
		return of(name1, value1).and(name2, value2);
	}

	public static Kwargs of(String name1, Object value1, String name2, Object value2, String name3, Object value3) {
		return of(name1, value1).and(name2, value2).and(name3, value3);
	}

	/** Keyword arguments from a map, in its iteration order. */
	public static Kwargs from(Map<String, ?> values) {
		Map<String, Object> copy = new LinkedHashMap<>();
		values.forEach((name, value) -> copy.put(Objects.requireNonNull(name, "keyword name"), value));
		return new Kwargs(copy);
	}

	/** A copy of these keyword arguments with one more (or a replaced one). */
	public Kwargs and(String name, Object value) {
		Map<String, Object> copy = new LinkedHashMap<>(this.values);
		copy.put(Objects.requireNonNull(name, "keyword name"), value);
		return new Kwargs(copy);
	}

	/** The keyword arguments in order, unmodifiable. */
	public Map<String, Object> asMap() {
		return Collections.unmodifiableMap(this.values);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Kwargs kwargs && kwargs.values.equals(this.values);
	}

	@Override
	public int hashCode() {
		return this.values.hashCode();
	}

	@Override
	public String toString() {
		return "Kwargs" + this.values;
	}

}
