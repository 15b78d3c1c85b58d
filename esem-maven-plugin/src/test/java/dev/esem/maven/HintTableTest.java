package dev.esem.maven;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.esem.maven.HintTable.Use;

import static org.assertj.core.api.Assertions.assertThat;

/** The hint table, row by row: each case is a hint, where it is used, and the Java type it becomes. */
class HintTableTest {

	private static final ClassName POINT = ClassName.get("com.example", "Shapes", "Point");

	private static final ClassName SQUARE = ClassName.get("com.example", "Shapes", "Square");

	static Stream<Arguments> rows() {
		return Stream.of(
				row("int", Use.PARAMETER, "long"),
				row("list[int]", Use.RESULT, "java.util.List<java.lang.Long>"),
				row("float", Use.RESULT, "double"),
				row("float", Use.FIELD, "double"),
				row("bool", Use.PARAMETER, "boolean"),
				row("str", Use.PARAMETER, "java.lang.String"),
				row("bytes", Use.PARAMETER, "byte[]"),
				row("bytearray", Use.RESULT, "byte[]"),
				row("NoneType", Use.RESULT, "void"),
				row("NoneType", Use.PARAMETER, "java.lang.Object"),
				row("list[int]", Use.PARAMETER, "java.util.List<java.lang.Long>"),
				row("list", Use.RESULT, "java.util.List<java.lang.Object>"),
				row("collections.abc.Sequence[str]", Use.PARAMETER, "java.util.List<java.lang.String>"),
				row("collections.abc.MutableSequence[float]", Use.RESULT, "java.util.List<java.lang.Double>"),
				row("dict[str, int]", Use.RESULT, "java.util.Map<java.lang.String, java.lang.Long>"),
				row("dict", Use.RESULT, "java.util.Map<java.lang.String, java.lang.Object>"),
				row("dict[int, str]", Use.PARAMETER, "java.util.Map<java.lang.Long, java.lang.String>"),
				row("collections.abc.Mapping[str, list[bool]]", Use.PARAMETER,
						"java.util.Map<java.lang.String, java.util.List<java.lang.Boolean>>"),
				row("collections.abc.MutableMapping[str, float]", Use.FIELD,
						"java.util.Map<java.lang.String, java.lang.Double>"),
				row("set[str]", Use.RESULT, "java.util.Set<java.lang.String>"),
				row("frozenset[int]", Use.PARAMETER, "java.util.Set<java.lang.Long>"),
				row("collections.abc.Set[str]", Use.PARAMETER, "java.util.Set<java.lang.String>"),
				row("collections.abc.MutableSet[bytes]", Use.RESULT, "java.util.Set<byte[]>"),
				row("tuple", Use.RESULT, "java.util.List<java.lang.Object>"),
				row("tuple[int, str]", Use.PARAMETER, "com.example.Shapes.ValueTuple"),
				row("tuple[int, ...]", Use.RESULT, "java.util.List<java.lang.Long>"),
				row("memoryview", Use.PARAMETER, "byte[]"),
				row("collections.abc.Buffer", Use.PARAMETER, "byte[]"),
				row("typing_extensions.Buffer", Use.PARAMETER, "byte[]"),
				row("collections.abc.Collection[int]", Use.PARAMETER, "java.util.List<java.lang.Long>"),
				row("collections.abc.Callable[[int], int]", Use.PARAMETER,
						"java.util.function.Function<java.lang.Number, java.lang.Long>"),
				row("collections.abc.Callable[[float, str], list[int]]", Use.FIELD,
						"java.util.function.BiFunction<java.lang.Double, java.lang.String, java.util.List<java.lang.Long>>"),
				row("collections.abc.Callable[[], str]", Use.PARAMETER, "java.util.function.Supplier<java.lang.String>"),
				row("collections.abc.Callable[[], NoneType]", Use.PARAMETER, "java.lang.Runnable"),
				row("collections.abc.Callable[[str], bool]", Use.PARAMETER, "java.util.function.Predicate<java.lang.String>"),
				row("collections.abc.Callable[[bytes], NoneType]", Use.PARAMETER, "java.util.function.Consumer<byte[]>"),
				row("collections.abc.Callable[[dict, list], NoneType]", Use.PARAMETER,
						"java.util.function.BiConsumer<java.util.Map<java.lang.String, java.lang.Object>, "
								+ "java.util.List<java.lang.Object>>"),
				row("collections.abc.Callable[[int, int, int], int]", Use.PARAMETER, "dev.esem.PythonCallback"),
				row("collections.abc.Callable[..., int]", Use.PARAMETER, "dev.esem.PythonCallback"),
				row("collections.abc.Callable[[int], int]", Use.RESULT, "dev.esem.PyObject"),
				row("collections.abc.Awaitable[int]", Use.RESULT, "java.util.concurrent.CompletableFuture<java.lang.Long>"),
				row("collections.abc.Coroutine[NoneType, NoneType, str]", Use.RESULT,
						"java.util.concurrent.CompletableFuture<java.lang.String>"),
				row("collections.abc.Awaitable[int]", Use.PARAMETER, "java.lang.Object"),
				row("collections.abc.Generator[int, str, bool]", Use.RESULT, "com.example.Shapes.ValueGenerator"),
				row("collections.abc.KeysView[str]", Use.RESULT, "java.util.List<java.lang.String>"),
				row("collections.abc.ValuesView[float]", Use.RESULT, "java.util.List<java.lang.Double>"),
				row("collections.abc.ItemsView[str, int]", Use.RESULT,
						"java.util.List<com.example.Shapes.ValueItem>"),
				row("shapes.Color", Use.PARAMETER, "com.example.Shapes.Color"),
				row("shapes.Priority", Use.RESULT, "long"),
				row("typing.Union[int, NoneType]", Use.PARAMETER, "java.lang.Long"),
				row("types.UnionType[bool, NoneType]", Use.RESULT, "java.lang.Boolean"),
				row("typing.Union[list[int], NoneType]", Use.RESULT, "java.util.List<java.lang.Long>"),
				row("typing.Union[int, str]", Use.PARAMETER, "java.lang.Object"),
				row("typing.Literal[str, str]", Use.PARAMETER, "java.lang.String"),
				row("typing.Literal[int, str]", Use.PARAMETER, "java.lang.Object"),
				row("numpy.ndarray", Use.RESULT, "dev.esem.NDArray"),
				row("numpy.ndarray[typing.Any, numpy.dtype[numpy.float64]]", Use.PARAMETER, "dev.esem.NDArray"),
				row("decimal.Decimal", Use.RESULT, "java.math.BigDecimal"),
				row("datetime.date", Use.PARAMETER, "java.time.LocalDate"),
				row("datetime.datetime", Use.RESULT, "java.time.LocalDateTime"),
				row("datetime.time", Use.RESULT, "java.time.LocalTime"),
				row("datetime.timedelta", Use.PARAMETER, "java.time.Duration"),
				row("uuid.UUID", Use.RESULT, "java.util.UUID"),
				row("collections.abc.Iterator[int]", Use.RESULT, "java.util.stream.Stream<java.lang.Long>"),
				row("collections.abc.Iterator[int]", Use.PARAMETER, "java.util.List<java.lang.Long>"),
				row("list[collections.abc.Iterator[int]]", Use.RESULT, "java.util.List<java.util.List<java.lang.Long>>"),
				row("collections.abc.Iterable[str]", Use.RESULT, "java.util.stream.Stream<java.lang.String>"),
				row("collections.abc.Generator[float, NoneType, NoneType]", Use.RESULT,
						"java.util.stream.Stream<java.lang.Double>"),
				row("collections.abc.AsyncIterator[int]", Use.RESULT, "java.util.stream.Stream<java.lang.Long>"),
				row("collections.abc.AsyncIterable[int]", Use.RESULT, "java.util.stream.Stream<java.lang.Long>"),
				row("collections.abc.AsyncGenerator[str, NoneType]", Use.RESULT,
						"java.util.stream.Stream<java.lang.String>"),
				row("typing.Any", Use.PARAMETER, "java.lang.Object"),
				row("object", Use.RESULT, "java.lang.Object"),
				row("pandas.DataFrame", Use.RESULT, "java.lang.Object"),
				row("?", Use.PARAMETER, "java.lang.Object"),
				row("shapes.Point", Use.RESULT, "com.example.Shapes.Point"),
				row("list[shapes.Point]", Use.RESULT, "java.util.List<com.example.Shapes.Point>"),
				row("shapes.Point", Use.FIELD, "com.example.Shapes.Point"),
				row("shapes.Point", Use.PARAMETER, "com.example.Shapes.Point"),
				row("list[shapes.Point]", Use.PARAMETER, "java.util.List<com.example.Shapes.Point>"),
				row("shapes.Square", Use.PARAMETER, "com.example.Shapes.Square"),
				row("shapes.Square", Use.RESULT, "com.example.Shapes.Square"),
				row("typing.Union[shapes.Square, NoneType]", Use.RESULT, "com.example.Shapes.Square"),
				row("list[shapes.Square]", Use.RESULT, "java.util.List<java.lang.Object>"),
				row("shapes.Square", Use.FIELD, "java.lang.Object"));
	}

	@ParameterizedTest(name = "{0} as {1} -> {2}")
	@MethodSource("rows")
	void mapsEachRow(String hint, Use use, String java) {
		assertThat(table().javaType(parse(hint), use)).hasToString(java);
	}

	@Test
	void everyRowOfTheTableHasACase() {
		Set<String> tested = new TreeSet<>();
		rows().forEach((row) -> collectNames(parse((String) row.get()[0]), tested));
		List<String> untested = new ArrayList<>();
		HintTable.ROWS.forEach((row) -> row.python().stream().filter((name) -> !tested.contains(name)).forEach(untested::add));
		assertThat(untested).as("Python names of the table without a case above").isEmpty();
	}

	@Test
	void noHintIsObject() {
		assertThat(table().parameter(null)).hasToString("java.lang.Object");
		assertThat(table().result(null, false)).hasToString("java.lang.Object");
	}

	@Test
	void asyncResultsAreFuturesOfTheBoxedType() {
		assertThat(table().result(parse("int"), true)).hasToString("java.util.concurrent.CompletableFuture<java.lang.Long>");
		assertThat(table().result(parse("NoneType"), true))
			.hasToString("java.util.concurrent.CompletableFuture<java.lang.Void>");
		assertThat(table().result(parse("shapes.Point"), true))
			.hasToString("java.util.concurrent.CompletableFuture<com.example.Shapes.Point>");
	}

	@Test
	void literalsOfJavaNamesAreEnumsNamedAfterTheirPlace() {
		HintTable table = table();
		Hint literal = new Hint("typing.Literal", List.of(parse("str"), parse("str")), List.of("fast", "slow"));
		assertThat(table.parameter(literal, new HintTable.Site("Jobs.run(mode)", "Mode"))).hasToString("com.example.Shapes.Mode");
		assertThat(table.result(literal, false, new HintTable.Site("Jobs.run()", "RunResult")))
			.as("the same values, the same enum").hasToString("com.example.Shapes.Mode");
		Hint notNames = new Hint("typing.Literal", List.of(parse("str")), List.of("not a name"));
		assertThat(table.parameter(notNames)).hasToString("java.lang.String");
	}

	@Test
	void unionsOfMappedTypesAreOneParameterTypePerMember() {
		HintTable table = table();
		HintTable.Site site = new HintTable.Site("Jobs.run(value)", "Value");
		assertThat(table.alternatives(parse("types.UnionType[int, str]"), site)).hasToString("[long, java.lang.String]");
		assertThat(table.alternatives(parse("typing.Union[int, str, NoneType]"), site))
			.hasToString("[java.lang.Long, java.lang.String]");
		assertThat(table.alternatives(parse("typing.Union[int, pandas.DataFrame]"), site)).hasToString("[java.lang.Object]");
		assertThat(table.alternatives(parse("int"), site)).hasToString("[long]");
		assertThat(table.unmappedSites()).containsExactly("Jobs.run(value): pandas.DataFrame",
				"Jobs.run(value): typing.Union[int, pandas.DataFrame]");
	}

	@Test
	void reportsTheHintsItDoesNotKnow() {
		HintTable table = table();
		table.parameter(parse("pandas.DataFrame"));
		table.result(parse("list[array.array]"), false);
		table.parameter(parse("?"));
		assertThat(table.unmapped()).containsExactly("array.array", "pandas.DataFrame");
	}

	private static HintTable table() {
		// Point is a data class, Color an enum, Square a class of the module, Priority an IntEnum.
		ClassName shapes = ClassName.get("com.example", "Shapes");
		return new HintTable(Map.of("shapes.Point", POINT, "shapes.Color", shapes.nestedClass("Color")),
				Map.of("shapes.Square", SQUARE), Map.of("shapes.Priority", TypeName.LONG),
				new NestedTypes(shapes, Set.of("Point", "Color", "Square")::contains));
	}

	private static Arguments row(String hint, Use use, String java) {
		return Arguments.of(hint, use, java);
	}

	private static void collectNames(Hint hint, Set<String> names) {
		names.add(hint.name());
		hint.args().forEach((arg) -> collectNames(arg, names));
	}

	/** {@code dict[str, list[int]]} as the inspection script would report it. */
	static Hint parse(String text) {
		return new Parser(text).hint();
	}

	private static final class Parser {

		private final String text;

		private int at;

		Parser(String text) {
			this.text = text.replace(" ", "");
		}

		Hint hint() {
			int start = this.at;
			while (this.at < this.text.length() && "[],".indexOf(this.text.charAt(this.at)) < 0) {
				this.at++;
			}
			String name = this.text.substring(start, this.at);
			List<Hint> args = new ArrayList<>();
			if (this.at < this.text.length() && this.text.charAt(this.at) == '[') {
				this.at++;
				while (this.text.charAt(this.at) != ']') {
					args.add(hint());
					if (this.text.charAt(this.at) == ',') {
						this.at++;
					}
				}
				this.at++; // ]
			}
			return new Hint(name.isEmpty() ? "[]" : name, args); // [int, str]: the parameters of a Callable
		}

	}

}
