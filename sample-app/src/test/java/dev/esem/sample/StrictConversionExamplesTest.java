package dev.esem.sample;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import dev.esem.PyModule;
import dev.esem.PythonBridge;
import dev.esem.PythonConversionException;
import dev.esem.PythonException;
import dev.esem.annotation.PythonName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The examples of type-mapping.md on strict conversions, missing values and hinted arguments, against strict.py. */
class StrictConversionExamplesTest {

	static PythonBridge python;

	static PyModule strict;

	@BeforeAll
	static void start() {
		python = Examples.bridge().build();
		strict = python.module("strict.py");
	}

	@AfterAll
	static void stop() {
		python.close();
	}

	// tag::values-interface[]
	interface Values {

		@PythonName("value")
		long count(String source);

		@PythonName("value")
		Long maybeCount(String source);

		@PythonName("value")
		String label(String source);

		@PythonName("value")
		double measure(String source);

	}
	// end::values-interface[]

	@Test
	void typedResultsConvertOnlyWhenNothingIsLost() {
		Values values = strict.bind(Values.class);
		// tag::strict[]
		assertThat(values.count("2.0")).isEqualTo(2L); // a whole float: nothing is lost
		assertThatThrownBy(() -> values.count("1.5")).isInstanceOf(PythonConversionException.class)
			.hasMessage("Cannot convert the Python value 1.5 (float) to long: 1.5 is not a whole number");
		assertThatThrownBy(() -> values.label("1")).isInstanceOf(PythonConversionException.class); // no number as text
		assertThatThrownBy(() -> values.measure("'1'")).isInstanceOf(PythonConversionException.class); // no text as number
		assertThatThrownBy(() -> values.count("True")).isInstanceOf(PythonConversionException.class); // no bool as number
		// end::strict[]
	}

	@Test
	void missingValuesAreNull() {
		Values values = strict.bind(Values.class);
		// tag::missing[]
		assertThat(values.maybeCount("None")).isNull();
		assertThat(values.maybeCount("math.nan")).isNull(); // NaN marks a missing int in pandas
		assertThat(values.label("math.nan")).isNull(); // ... and a missing string
		assertThat(values.measure("math.nan")).isNaN(); // a float keeps it
		assertThatThrownBy(() -> values.count("None")).isInstanceOf(PythonConversionException.class)
			.hasMessageContaining("a primitive cannot be missing");
		// end::missing[]
	}

	// tag::rows-java[]
	record Reading(int sensor, String label, double value) {
	}

	record MaybeReading(Integer sensor, String label, double value) {
	}

	interface Readings {

		List<Reading> readings();

		@PythonName("readings")
		List<MaybeReading> maybeReadings();

	}
	// end::rows-java[]

	@Test
	void theFailureNamesWhereTheValueIs() {
		Readings readings = strict.bind(Readings.class);
		// tag::rows-use[]
		PythonConversionException failure = catchThrowableOfType(PythonConversionException.class,
				readings::readings);
		assertThat(failure.path()).isEqualTo("[1].sensor");
		assertThat(failure).hasMessage("Cannot convert the Python value nan (float) at [1].sensor to int: "
				+ "NaN marks a missing value, and a primitive int cannot be missing");
		assertThat(readings.maybeReadings().get(1)).isEqualTo(new MaybeReading(null, null, 1.7));
		// end::rows-use[]
	}

	@Test
	void valuesNeverChangeOnTheWay() {
		// tag::unchanged[]
		assertThat(strict.call("value", "Grade('A')")).isEqualTo("A"); // a str subclass: its text, not its __str__
		assertThatThrownBy(() -> strict.call("value", "{math.nan: 1, float('nan'): 2}"))
			.isInstanceOf(PythonException.class)
			.hasMessageContaining("NaN keys"); // two keys in Python, one in Java
		Map<Object, String> keys = new java.util.LinkedHashMap<>();
		keys.put(1, "int");
		keys.put(1.0, "double");
		assertThatThrownBy(() -> strict.call("size", keys)).isInstanceOf(PythonException.class)
			.hasMessageContaining("are one key in Python"); // two keys in Java, one in Python
		// end::unchanged[]
	}

	// tag::hints-java[]
	record Transaction(String id, BigDecimal amount, double[] vector) {
	}

	record Line(String sku, int quantity) {
	}
	// end::hints-java[]

	@Test
	void argumentsFollowTheFunctionsHints() {
		// tag::hints-use[]
		Transaction txn = new Transaction("t-1", new BigDecimal("2"), new double[] { 1.5, 2.5 });
		// a pydantic Transaction, the Channel named STORE, a list of Line dataclasses
		assertThat(strict.call("score", txn, "STORE", List.of(new Line("tea", 3)))).isEqualTo(19.0);
		assertThatThrownBy(() -> strict.call("score", Map.of("id", "t-2", "amount", "lots", "vector", List.of()),
				"WEB", List.of()))
			.isInstanceOf(PythonException.class)
			.satisfies((failure) -> assertThat(((PythonException) failure).pythonType()).isEqualTo("ValidationError"));
		assertThatThrownBy(() -> strict.call("score", txn, "MAIL", List.of())).isInstanceOf(PythonException.class)
			.hasMessageContaining("argument 'channel' of score() cannot be converted to Channel");
		// end::hints-use[]
	}

}
