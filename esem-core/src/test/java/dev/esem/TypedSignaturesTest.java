package dev.esem;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.esem.annotation.PythonAttribute;
import dev.esem.annotation.PythonClass;
import dev.esem.annotation.PythonName;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What generated interfaces rely on: varargs as {@code *args}, a {@code Kwargs} parameter
 * anywhere, attribute reads, record components with Python names, tuples as array-shaped
 * records and enums crossing by name.
 */
class TypedSignaturesTest {

	private static PythonBridge python;

	private static Signatures signatures;

	@BeforeAll
	static void start() {
		python = TestBridges.builder().build();
		signatures = python.module("signatures.py").bind(Signatures.class);
	}

	@AfterAll
	static void stop() {
		python.close();
	}

	record Order(@PythonName("order_id") long orderId, @PythonName("unit_price") double unitPrice) {
	}

	@JsonFormat(shape = JsonFormat.Shape.ARRAY)
	record Pair(String first, long second) {
	}

	@JsonFormat(shape = JsonFormat.Shape.ARRAY)
	record Swapped(long first, String second) {
	}

	enum Shade {
		DARK, LIGHT
	}

	@PythonClass(module = "signatures.py", name = "Box")
	interface Box extends PythonInstance {

		@PythonAttribute("area")
		long area();

	}

	interface Signatures {

		Map<String, Object> total(long base, long... values);

		@PythonName("total")
		Map<String, Object> totalWith(long base, Kwargs kwargs, long... values);

		List<String> keys(Order order);

		Order order(long orderId, double unitPrice);

		Swapped swap(Pair pair);

		Shade opposite(Shade shade);

		@PythonAttribute("LIMIT")
		long limit();

		@PythonName("Box")
		Box newBox(long width, long height);

		@PythonAttribute("LIMIT")
		long limitOf(long argument);

	}

	@Test
	void varargsGoAsPositionalArgumentsAndKwargsAnywhereGoLast() {
		assertThat(signatures.total(1, 2, 3)).containsEntry("sum", 6);
		assertThat(signatures.total(1)).containsEntry("sum", 1);
		assertThat(signatures.totalWith(1, Kwargs.of("scale", 10, "note", "n"), 2))
			.containsEntry("sum", 30)
			.containsEntry("extra", Map.of("note", "n"));
	}

	@Test
	void attributesAreReadNotCalled() {
		assertThat(signatures.limit()).isEqualTo(42L);
		try (Box box = signatures.newBox(3, 4)) {
			assertThat(box.area()).isEqualTo(12L);
		}
		assertThatThrownBy(() -> signatures.limitOf(1)).hasMessageContaining("takes no parameters");
	}

	@Test
	void recordComponentsCrossWithTheirPythonNamesWhilePlainJacksonKeepsJavaNames() {
		assertThat(signatures.keys(new Order(7, 2.5))).containsExactly("order_id", "unit_price");
		assertThat(signatures.order(7, 2.5)).isEqualTo(new Order(7, 2.5));
		JsonMapper plain = JsonMapper.builder().build();
		assertThat(plain.writeValueAsString(new Order(7, 2.5))).isEqualTo("{\"orderId\":7,\"unitPrice\":2.5}");
		assertThat(plain.readValue("{\"orderId\":7,\"unitPrice\":2.5}", Order.class)).isEqualTo(new Order(7, 2.5));
	}

	@Test
	void arrayShapedRecordsCrossAsTuples() {
		assertThat(signatures.swap(new Pair("a", 1))).isEqualTo(new Swapped(1, "a"));
	}

	@Test
	void enumsCrossByName() {
		assertThat(signatures.opposite(Shade.DARK)).isEqualTo(Shade.LIGHT);
		assertThat(python.module("signatures.py").call("opposite", "LIGHT")).isEqualTo("DARK");
	}

}
