package dev.esem.sample;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.esem.NDArray;
import dev.esem.PyModule;
import dev.esem.PyObject;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.esem.PythonBridge;
import dev.esem.PythonException;
import dev.esem.annotation.PythonName;
import dev.esem.sample.pricing.QuoteRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The examples of type-mapping.md, against convert.py. */
class TypeMappingExamplesTest {

	static PythonBridge python;

	static PyModule convert;

	@BeforeAll
	static void start() {
		python = Examples.bridge().build();
		convert = python.module("convert.py");
	}

	@AfterAll
	static void stop() {
		python.close();
	}

	@Test
	void integersComeBackAsIntegerLongOrBigInteger() {
		// tag::integers[]
		assertThat(convert.call("echo", 42)).isEqualTo(42); // Integer
		assertThat(convert.call("echo", 42L)).isEqualTo(42); // a long that fits an int comes back as Integer
		assertThat(convert.call("echo", 3_000_000_000L)).isEqualTo(3_000_000_000L); // Long
		assertThat(convert.call("big")).isEqualTo(BigInteger.TWO.pow(100)); // 2 ** 100: BigInteger
		assertThat(convert.call("type_name", BigInteger.TEN.pow(30))).isEqualTo("int");
		// end::integers[]
	}

	@Test
	void floatsIncludingNanAndInfinityAreDoubles() {
		// tag::floats[]
		assertThat(convert.call("not_a_number")).isEqualTo(Double.NaN);
		assertThat(convert.call("echo", Double.POSITIVE_INFINITY)).isEqualTo(Double.POSITIVE_INFINITY);
		assertThat(convert.call("type_name", 1.0)).isEqualTo("float");
		assertThat(convert.call("type_name", 1)).isEqualTo("int");
		// end::floats[]
	}

	@Test
	void decimalsKeepTheirDigits() {
		// tag::decimals[]
		assertThat(convert.call("price")).isEqualTo(new BigDecimal("19.90")); // Decimal("19.90"), scale 2
		assertThat(convert.call("describe", new BigDecimal("0.10"))).isEqualTo("Decimal('0.10')");
		// end::decimals[]
	}

	@Test
	void tuplesBecomeListsAndSetsStaySets() {
		// tag::collections[]
		assertThat(convert.call("corner")).isEqualTo(List.of(3, 4)); // the tuple (3, 4)
		assertThat(convert.call("type_name", new int[] { 1, 2 })).isEqualTo("list");
		assertThat(convert.call("echo", Set.of("a"))).isEqualTo(Set.of("a"));
		assertThat(convert.call("type_name", Set.of("a"))).isEqualTo("set");
		assertThat(convert.call("echo", new byte[] { 1, 2 })).isEqualTo(new byte[] { 1, 2 });
		// end::collections[]
	}

	@Test
	@SuppressWarnings("unchecked")
	void dictsKeepOrderAndNonStringKeys() {
		// tag::dicts[]
		Map<String, Object> ordered = new LinkedHashMap<>();
		ordered.put("zebra", 1);
		ordered.put("apple", 2);
		Map<String, Object> echoed = (Map<String, Object>) convert.call("echo", ordered);
		assertThat(echoed.keySet()).containsExactly("zebra", "apple"); // insertion order kept
		assertThat(convert.call("scores")).isEqualTo(Map.of(1, "gold", 2, "silver")); // int keys stay ints
		assertThat(convert.call("describe", Map.of(7, "seven"))).isEqualTo("{7: 'seven'}");
		// end::dicts[]
	}

	@Test
	void datesAndTimesMapToJavaTime() {
		// tag::dates[]
		assertThat(convert.call("meeting"))
			.isEqualTo(OffsetDateTime.of(2026, 3, 1, 9, 30, 0, 0, ZoneOffset.ofHours(1)));
		assertThat(convert.call("type_name", LocalDate.of(2026, 3, 1))).isEqualTo("date");
		Instant instant = Instant.parse("2026-03-01T08:30:00Z");
		assertThat(convert.call("echo", instant)).isEqualTo(instant.atOffset(ZoneOffset.UTC));
		// end::dates[]
	}

	@Test
	void recordsGoAsDictsAndOtherObjectsComeBackAsProxies() {
		// tag::records[]
		assertThat(convert.call("echo", new QuoteRequest("tea", 2, "gold")))
			.isEqualTo(Map.of("sku", "tea", "quantity", 2, "tier", "gold"));
		try (PyObject origin = (PyObject) convert.call("origin")) {
			assertThat(origin.pythonClass()).isEqualTo("Point");
			assertThat(origin.call("length")).isEqualTo(0.0);
		}
		// end::records[]
	}

	// tag::json-property[]
	record Line(String sku, @JsonProperty("unit_price") BigDecimal unitPrice) {
	}

	interface Lines {

		@PythonName("echo")
		Line line(Map<String, Object> line);

	}
	// end::json-property[]

	@Test
	void jacksonAnnotationsRenameFieldsAndRecordFieldsKeepTheirTypes() {
		// tag::json-property-use[]
		Line line = convert.bind(Lines.class).line(Map.of("sku", "tea", "unit_price", new BigDecimal("4.20")));
		assertThat(line.unitPrice()).isEqualTo(new BigDecimal("4.20")); // dict -> record: Decimal stays exact
		// record -> dict: the fields keep their types, so the BigDecimal arrives as a Decimal
		assertThat(convert.call("describe", line)).isEqualTo("{'sku': 'tea', 'unit_price': Decimal('4.20')}");
		// end::json-property-use[]
	}

	@Test
	void valuesThatCannotCrossFailTheCallBeforeItIsSent() {
		// tag::unsendable[]
		assertThatThrownBy(() -> convert.call("echo", Thread.currentThread()))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("Cannot pass a java.lang.Thread to Python");
		assertThatThrownBy(() -> convert.call("echo", Optional.of(1))).isInstanceOf(IllegalArgumentException.class);
		Comparator<String> order = String::compareTo; // only the callback types cross: refused
		assertThatThrownBy(() -> convert.call("echo", order))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("Cannot pass a Java function");
		// end::unsendable[]
	}

	@Test
	void pythonValuesThatJavaCannotReadFailTheCall() {
		// tag::unreadable-use[]
		assertThatThrownBy(() -> convert.call("bad_price")).isInstanceOf(PythonException.class)
			.hasMessage("Decimal('NaN') cannot cross to Java: a BigDecimal has no NaN or infinity");
		assertThatThrownBy(() -> convert.call("labels")).isInstanceOf(PythonException.class)
			.hasMessageContaining("holds a lone surrogate");
		// end::unreadable-use[]
	}

	// tag::numpy-interface[]
	interface Arrays {

		@PythonName("scaled")
		double[][] scaledRows(NDArray values, double factor); // a 2-D ndarray as double[][]

		@PythonName("scaled")
		NDArray scaledArray(NDArray values, double factor);

	}
	// end::numpy-interface[]

	@Test
	@SuppressWarnings("unchecked")
	void numpyArraysAreNDArrays() {
		// tag::numpy-use[]
		NDArray matrix = NDArray.of(new double[] { 1, 2, 3, 4, 5, 6 }, 2, 3); // 2 rows, 3 columns, C order
		NDArray doubled = (NDArray) convert.call("scaled", matrix, 2);
		assertThat(doubled.dtype()).isEqualTo("float64");
		assertThat(doubled.shape()).containsExactly(2, 3);
		assertThat(doubled.toDoubleArray()).containsExactly(2, 4, 6, 8, 10, 12);

		Map<String, Object> summary = (Map<String, Object>) convert.call("summary", matrix);
		assertThat(summary.get("mean")).isEqualTo(3.5); // numpy.float64: a Double
		assertThat(((NDArray) summary.get("positive")).dtype()).isEqualTo("bool");

		Arrays arrays = convert.bind(Arrays.class);
		assertThat(arrays.scaledRows(matrix, 0.5)).isDeepEqualTo(new double[][] { { 0.5, 1, 1.5 }, { 2, 2.5, 3 } });
		assertThat(arrays.scaledArray(NDArray.of(new int[] { 1, 2 }), 3).toIntArray()).containsExactly(3, 6);
		// end::numpy-use[]
	}

	// tag::carriers-java[]
	record Reading(String sensor, BigDecimal value, LocalDateTime taken) {
	}

	record Sensor(UUID id, String name, Duration interval) {
	}

	interface Readings {

		Reading latest(); // the dataclass, as a record

		Sensor sensor(); // the pydantic model, as a record

		@PythonName("latest")
		PyObject latestObject(); // declared as a handle: the dataclass instance itself

	}
	// end::carriers-java[]

	@Test
	@SuppressWarnings("unchecked")
	void dataCarriersCrossAsMapsOfTheirFields() {
		// tag::carriers-use[]
		Map<String, Object> reading = (Map<String, Object>) convert.call("latest");
		assertThat(reading.keySet()).containsExactly("sensor", "value", "taken"); // declaration order
		assertThat(convert.call("extent")).isEqualTo(Map.of("width", 640, "height", 480)); // a NamedTuple

		Readings readings = convert.bind(Readings.class);
		assertThat(readings.latest().value()).isEqualTo(new BigDecimal("101.5"));
		assertThat(readings.sensor().interval()).isEqualTo(Duration.ofSeconds(30));
		try (PyObject latest = readings.latestObject()) {
			assertThat(latest.call("is_high")).isEqualTo(true);
		}
		// end::carriers-use[]
	}

	@Test
	void uuidsAndDurationsRoundTrip() {
		// tag::uuid-duration-use[]
		UUID id = UUID.randomUUID();
		assertThat(convert.call("echo", id)).isEqualTo(id);
		assertThat(convert.call("type_name", Duration.ofMinutes(5))).isEqualTo("timedelta");
		assertThat(convert.call("since", LocalDateTime.of(2026, 3, 1, 9, 0), Duration.ofMinutes(90)))
			.isEqualTo(LocalDateTime.of(2026, 3, 1, 10, 30));
		// end::uuid-duration-use[]
	}

	// tag::handles-are-not-data[]
	record Origin(double x, double y) {
	}

	interface Shapes {

		@PythonName("origin")
		Origin originAsRecord(); // Python returns a Point object, not a value

	}
	// end::handles-are-not-data[]

	@Test
	void aHandleNeverBecomesARecord() {
		// tag::handles-are-not-data-use[]
		assertThatThrownBy(() -> convert.bind(Shapes.class).originAsRecord())
			.isInstanceOf(ClassCastException.class)
			.hasMessageStartingWith("Cannot convert a Python Point object to " + Origin.class.getName());
		assertThat(python.liveObjects()).isZero(); // and the object was released
		// end::handles-are-not-data-use[]
	}

}
