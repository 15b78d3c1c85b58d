package dev.esem;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TypeMappingTest {

	static PythonBridge python;

	static PyModule tools;

	@BeforeAll
	static void start() {
		python = TestBridges.builder().build();
		tools = python.module("tools.py");
	}

	@AfterAll
	static void stop() {
		python.close();
	}

	private static Object echo(Object value) {
		return tools.call("echo", value);
	}

	private static String pythonType(Object value) {
		return (String) tools.call("type_name", value);
	}

	@Test
	void scalarsRoundTrip() {
		assertThat(echo(null)).isNull();
		assertThat(echo(true)).isEqualTo(true);
		assertThat(echo(7)).isEqualTo(7);
		assertThat(echo(1.5)).isEqualTo(1.5);
		assertThat(echo(0.1 + 0.2)).isEqualTo(0.1 + 0.2);
		assertThat(pythonType(1.0)).isEqualTo("float");
		assertThat(pythonType(1)).isEqualTo("int");
	}

	@Test
	void integersKeepTheirSizeAndNeverTruncate() {
		assertThat(echo(Integer.MAX_VALUE)).isEqualTo(Integer.MAX_VALUE);
		assertThat(echo(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
		assertThat(echo(Long.MIN_VALUE)).isEqualTo(Long.MIN_VALUE);
		BigInteger huge = BigInteger.TWO.pow(200).negate();
		assertThat(echo(huge)).isEqualTo(huge);
		assertThat(tools.call("power", 2, 100)).isEqualTo(BigInteger.TWO.pow(100));
	}

	@Test
	void nonFiniteFloatsRoundTrip() {
		assertThat(echo(Double.NaN)).isEqualTo(Double.NaN);
		assertThat(echo(Double.POSITIVE_INFINITY)).isEqualTo(Double.POSITIVE_INFINITY);
		assertThat(echo(Double.NEGATIVE_INFINITY)).isEqualTo(Double.NEGATIVE_INFINITY);
		assertThat(tools.call("describe", Double.NaN)).isEqualTo("nan");
	}

	@Test
	void anyUnicodeRoundTrips() {
		String text = "nul\u0000 quote\" backslash\\ newline\n tab\t emoji 🐍 cjk 中文 rtl עברית \u2028";
		assertThat(echo(text)).isEqualTo(text);
		assertThat(tools.call("describe", "🐍")).isEqualTo("'🐍'");
	}

	@Test
	void bytesBecomeByteArrays() {
		byte[] bytes = { 0, 1, -1, 127, -128, 10 };
		assertThat(echo(bytes)).isEqualTo(bytes);
		assertThat(pythonType(bytes)).isEqualTo("bytes");
	}

	@Test
	void listsSetsAndMapsKeepTheirShapeAndOrder() {
		assertThat(echo(List.of(1, "two", List.of(3.0)))).isEqualTo(List.of(1, "two", List.of(3.0)));
		assertThat(echo(new int[] { 1, 2, 3 })).isEqualTo(List.of(1, 2, 3));
		Set<Object> set = new LinkedHashSet<>(List.of(3, 1, 2));
		assertThat(echo(set)).isInstanceOf(Set.class).isEqualTo(set);
		assertThat(pythonType(set)).isEqualTo("set");
		Map<String, Object> ordered = new LinkedHashMap<>();
		ordered.put("z", 1);
		ordered.put("a", 2);
		ordered.put("m", 3);
		assertThat(new ArrayList<Object>(((Map<?, ?>) echo(ordered)).keySet())).containsExactly("z", "a", "m");
		assertThat(tools.call("describe", List.of())).isEqualTo("[]");
	}

	@Test
	void tuplesBecomeLists() {
		assertThat(tools.get("VERSION")).isEqualTo(List.of(1, 2));
	}

	@Test
	void dictsWithOtherKeysOrTheTagKeyStayExact() {
		Map<Object, Object> numbered = new LinkedHashMap<>();
		numbered.put(1, "one");
		numbered.put(2, "two");
		assertThat(echo(numbered)).isEqualTo(numbered);
		assertThat(tools.call("describe", numbered)).isEqualTo("{1: 'one', 2: 'two'}");
		Map<String, Object> tricky = Map.of("$t", "bytes", "v", "not a tag");
		assertThat(echo(tricky)).isEqualTo(tricky);
	}

	@Test
	void decimalsKeepDigitsAndScale() {
		BigDecimal price = new BigDecimal("12.3400");
		assertThat(echo(price)).isEqualTo(price);
		assertThat(tools.call("describe", price)).isEqualTo("Decimal('12.3400')");
		assertThat(echo(new BigDecimal("1E+3"))).isEqualTo(new BigDecimal("1E+3"));
	}

	@Test
	void javaTimeValuesBecomeDatetimes() {
		LocalDate date = LocalDate.of(2026, 11, 24);
		LocalTime time = LocalTime.of(13, 45, 30, 123_456_000);
		LocalDateTime naive = LocalDateTime.of(date, time);
		OffsetDateTime aware = OffsetDateTime.of(naive, ZoneOffset.ofHours(2));
		assertThat(echo(date)).isEqualTo(date);
		assertThat(echo(time)).isEqualTo(time);
		assertThat(echo(naive)).isEqualTo(naive);
		assertThat(echo(aware)).isEqualTo(aware);
		assertThat(pythonType(naive)).isEqualTo("datetime");
		Instant instant = Instant.parse("2026-11-24T10:15:30.5Z");
		assertThat(echo(instant)).isEqualTo(instant.atOffset(ZoneOffset.UTC));
	}

	record Point(int x, int y) {
	}

	public static class Person {

		private String name = "Ada";

		public String getName() {
			return this.name;
		}

	}

	@Test
	void recordsAndPojosBecomeDicts() {
		assertThat(echo(new Point(1, 2))).isEqualTo(Map.of("x", 1, "y", 2));
		assertThat(echo(new Person())).isEqualTo(Map.of("name", "Ada"));
		assertThat(pythonType(new Point(1, 2))).isEqualTo("dict");
	}

	record Invoice(BigDecimal amount, LocalDate due, byte[] scan, Set<String> tags, Map<Integer, String> lines,
			Point origin) {
	}

	@Test
	void valuesInsideRecordsKeepTheirPythonTypes() {
		Invoice invoice = new Invoice(new BigDecimal("4.20"), LocalDate.of(2026, 12, 1), new byte[] { 1, 2 },
				Set.of("paid"), Map.of(1, "coffee"), new Point(3, 4));
		assertThat(tools.call("describe", invoice)).isEqualTo("{'amount': Decimal('4.20'), "
				+ "'due': datetime.date(2026, 12, 1), 'scan': b'\\x01\\x02', 'tags': {'paid'}, "
				+ "'lines': {1: 'coffee'}, 'origin': {'x': 3, 'y': 4}}");
	}

	@Test
	void valuesThatCannotCrossFailBeforeSending() {
		assertThatThrownBy(() -> echo(Thread.currentThread())).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("java.lang.Thread");
		assertThatThrownBy(() -> echo(new Object())).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("java.lang.Object");
		assertThatThrownBy(() -> echo(List.of(Map.of("k", new Object())))).isInstanceOf(IllegalArgumentException.class);
		assertThat(tools.callAsync("echo", new Object())).isCompletedExceptionally();
		assertThat(echo("still fine")).isEqualTo("still fine");
	}

}
