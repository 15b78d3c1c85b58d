package dev.esem;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Arguments become what the called Python function's type hints ask for. */
class HintedArgumentsTest {

	static PythonBridge python;

	static PyModule hinted;

	@BeforeAll
	static void start() {
		python = TestBridges.builder().build();
		hinted = python.module("hinted.py");
	}

	@AfterAll
	static void stop() {
		python.close();
	}

	record Transaction(String id, BigDecimal amount, double[] vector) {
	}

	record Item(String sku, int quantity) {
	}

	@Test
	void aPydanticParameterReceivesTheModelBuiltFromARecord() {
		assertThat(hinted.call("score", new Transaction("t-1", new BigDecimal("2"), new double[] { 1.5, 2.5 })))
			.isEqualTo(8.0);
		assertThat(hinted.call("score", Map.of("id", "t-2", "amount", "0.5", "vector", List.of(4, 4)))).isEqualTo(4.0);
	}

	@Test
	void aPydanticValidationFailureIsAPythonExceptionOfTypeValidationError() {
		PythonException failure = catchThrowableOfType(PythonException.class,
				() -> hinted.call("score", Map.of("id", "t-3", "amount", "lots", "vector", List.of())));
		assertThat(failure.pythonType()).isEqualTo("ValidationError");
		assertThat(failure).hasMessageContaining("amount");
		assertThat(hinted.call("score", Map.of("id", "t-4", "amount", 1, "vector", List.of(1)))).isEqualTo(1.0);
	}

	@Test
	void eachHintBuildsItsTypeFromWhatCrossed() {
		Item item = new Item("a-1", 2);
		Object kinds = hinted.call("kinds", item, List.of(item), null, Map.of("k", item), "GREEN",
				Map.of("x", 1, "y", 2), "2024-01-02", OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC), "1.25",
				UUID.randomUUID().toString(), NDArray.of(new double[] { 1, 2 }));
		assertThat(kinds).isEqualTo(Map.ofEntries(Map.entry("item", "Item"), Map.entry("items", "list"),
				Map.entry("maybe", "NoneType"), Map.entry("by_name", "dict"), Map.entry("color", "Color"),
				Map.entry("point", "Point"), Map.entry("day", "date"), Map.entry("at", "datetime"),
				Map.entry("price", "Decimal"), Map.entry("key", "UUID"), Map.entry("array", "ndarray")));
		assertThat(hinted.call("paint", "r")).isEqualTo("RED");
		assertThat(hinted.call("total", List.of(item, new Item("b", 3)))).isEqualTo(5);
		assertThat(hinted.call("array_sum", List.of(List.of(1, 2), List.of(3, 4)))).isEqualTo(10.0);
		assertThat(hinted.call("kinds", item, List.of(), item, Map.of(), "RED", List.of(1, 2), LocalDate.of(2024, 1, 2),
				1.7e9, 0.1, UUID.randomUUID(), List.of(1))).asInstanceOf(
						org.assertj.core.api.InstanceOfAssertFactories.MAP)
			.containsEntry("maybe", "Item")
			.containsEntry("at", "datetime")
			.containsEntry("price", "Decimal")
			.containsEntry("point", "Point");
	}

	@Test
	void constructorsAndMethodsFollowTheirHintsToo() {
		try (PyObject basket = hinted.construct("Basket", new Item("a", 2))) {
			assertThat(basket.call("add", new Item("b", 3))).isEqualTo(2);
			assertThat(basket.call("quantity")).isEqualTo(5);
		}
	}

	@Test
	void aValueThatCannotConvertIsAPythonExceptionNamingTheParameter() {
		PythonException failure = catchThrowableOfType(PythonException.class, () -> hinted.call("paint", "BLUE"));
		assertThat(failure.pythonType()).isEqualTo("TypeError");
		assertThat(failure).hasMessageContaining("argument 'color' of paint()")
			.hasMessageContaining("'BLUE' is neither the name nor the value of a Color member");
		failure = catchThrowableOfType(PythonException.class,
				() -> hinted.call("total", List.of(Map.of("sku", "a", "quantity", 1, "colour", "red"))));
		assertThat(failure).hasMessageContaining("argument 'items' of total()").hasMessageContaining("'colour'");
		assertThat(hinted.call("paint", "GREEN")).isEqualTo("GREEN");
	}

}
