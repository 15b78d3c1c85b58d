package dev.esem.maven;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;

/**
 * The one place where Python type hints become Java types: each row names the Python
 * types it matches and builds the Java type. Everything the table does not know, and a
 * missing hint, becomes {@code Object}.
 *
 * <p>The module's own classes and records come before the rows. A data class named in a
 * hint is the record generated for it. A class of the module is its nested interface as
 * a parameter or a result, and {@code Object} inside a list or a record, where Python
 * objects arrive as handles rather than views.
 *
 * <p>Some hints need a type of their own, which the table asks {@link NestedTypes} for: a
 * record per {@code tuple[A, B]}, an enum per {@code Literal} of strings, a view per
 * generator that takes {@code send}. They are named after the place that uses them first
 * (the {@link Site}).
 *
 * <p>Hints arrive as the inspection script reports them: the runtime names, so
 * {@code List[int]}, {@code list[int]} and {@code typing.List[int]} all arrive as
 * {@code list}, and {@code Optional[int]} as {@code typing.Union[int, NoneType]}.
 */
final class HintTable {

	/** Where a type appears: that decides what a class of the module and an iterator become. */
	enum Use {

		/** A method parameter, or a type argument inside one. */
		PARAMETER,

		/** A method result, or a type argument inside one. */
		RESULT,

		/** A record component, or a type argument inside one. */
		FIELD

	}

	/**
	 * Where a hint is used: for the names of the types made for it, and for the report of
	 * hints without a Java type.
	 *
	 * @param where the Java member, such as {@code Stats.minMax(values)}
	 * @param name the name a type made for it gets, such as {@code MinMaxResult}
	 */
	record Site(String where, String name) {

		static final Site NONE = new Site("?", "Value");

	}

	/** How a row builds the Java type of a hint. */
	@FunctionalInterface
	interface Rule {

		/**
		 * @param nested whether the hint is a type argument (the {@code T} of {@code List<T>})
		 */
		TypeName apply(Hint hint, Use use, boolean nested, HintTable table);

	}

	/**
	 * One row of the table.
	 *
	 * @param rule how the Java type is built
	 * @param python the runtime names of the Python types the row matches
	 */
	record Row(Rule rule, List<String> python) {
	}

	private static final ClassName LIST = ClassName.get("java.util", "List");

	private static final ClassName STRING = ClassName.get(String.class);

	private static final ClassName FUTURE = ClassName.get("java.util.concurrent", "CompletableFuture");

	private static final String FUNCTIONS = "java.util.function";

	static final List<Row> ROWS = List.of(
			row(fixed(TypeName.LONG), "int"),
			row(fixed(TypeName.DOUBLE), "float"),
			row(fixed(TypeName.BOOLEAN), "bool"),
			row(fixed(STRING), "str"),
			row(fixed(ArrayTypeName.of(TypeName.BYTE)), "bytes", "bytearray", "memoryview", "collections.abc.Buffer",
					"typing_extensions.Buffer"),
			row(fixed(TypeName.VOID), "NoneType"),
			row(generic(LIST), "list", "collections.abc.Sequence", "collections.abc.MutableSequence",
					"collections.abc.Collection"),
			row(HintTable::map, "dict", "collections.abc.Mapping", "collections.abc.MutableMapping"),
			row(generic(ClassName.get("java.util", "Set")), "set", "frozenset", "collections.abc.Set",
					"collections.abc.MutableSet"),
			row(HintTable::tuple, "tuple"),
			row(HintTable::optional, "typing.Union", "types.UnionType"),
			row(HintTable::literal, "typing.Literal"),
			row(HintTable::callback, "collections.abc.Callable"),
			row(HintTable::awaited, "collections.abc.Awaitable", "collections.abc.Coroutine"),
			row(generic(LIST), "collections.abc.KeysView", "collections.abc.ValuesView"),
			row(HintTable::items, "collections.abc.ItemsView"),
			row(fixed(ClassName.get("dev.esem", "NDArray")), "numpy.ndarray"),
			row(fixed(ClassName.get("java.math", "BigDecimal")), "decimal.Decimal"),
			row(fixed(ClassName.get("java.time", "LocalDate")), "datetime.date"),
			row(fixed(ClassName.get("java.time", "LocalDateTime")), "datetime.datetime"),
			row(fixed(ClassName.get("java.time", "LocalTime")), "datetime.time"),
			row(fixed(ClassName.get("java.time", "Duration")), "datetime.timedelta"),
			row(fixed(ClassName.get("java.util", "UUID")), "uuid.UUID"),
			row(HintTable::stream, "collections.abc.Iterator",
					"collections.abc.Iterable", "collections.abc.Generator", "collections.abc.AsyncIterator",
					"collections.abc.AsyncIterable", "collections.abc.AsyncGenerator"),
			row(fixed(ClassName.OBJECT), "typing.Any", "object"));

	private static final Map<String, Row> BY_NAME = byName();

	private final Map<String, ClassName> records;

	private final Map<String, ClassName> instances;

	/** Python enums whose members cross as ints or strs: their Java type is that of the values. */
	private final Map<String, TypeName> aliases;

	private final NestedTypes nested;

	private final Set<String> unmapped = new TreeSet<>();

	private final Set<String> unmappedSites = new TreeSet<>();

	private Site site = Site.NONE;

	/**
	 * @param records the generated record or enum for each data class and enum, by the Python id the hints use
	 * @param instances the generated nested interface for each class of the module, by Python id
	 * @param aliases the Java type of each enum whose members cross as their int or str values, by Python id
	 * @param nested where the types made for tuples, literals and generators go
	 */
	HintTable(Map<String, ClassName> records, Map<String, ClassName> instances, Map<String, TypeName> aliases,
			NestedTypes nested) {
		this.records = records;
		this.instances = instances;
		this.aliases = aliases;
		this.nested = nested;
	}

	/** The Java type of a parameter with this hint ({@code null}: no hint). */
	TypeName parameter(Hint hint) {
		return parameter(hint, Site.NONE);
	}

	TypeName parameter(Hint hint, Site site) {
		return javaType(hint, Use.PARAMETER, site);
	}

	/**
	 * The Java types a parameter may take: one per member of a union of types that all map
	 * (each becomes an overload), else the one type of {@link #parameter}.
	 */
	List<TypeName> alternatives(Hint hint, Site site) {
		if (hint != null && isUnion(hint)) {
			boolean optional = hint.args().stream().anyMatch((arg) -> arg.name().equals("NoneType"));
			List<TypeName> types = new ArrayList<>();
			for (Hint arg : hint.args()) {
				if (!arg.name().equals("NoneType")) {
					TypeName type = javaType(arg, Use.PARAMETER, site);
					types.add(optional ? type.box() : type);
				}
			}
			if (types.size() > 1 && !types.contains(ClassName.OBJECT) && types.stream().distinct().count() == types.size()) {
				return types;
			}
		}
		return List.of(parameter(hint, site));
	}

	/** The Java result type; an {@code async def} returns a {@code CompletableFuture} of it. */
	TypeName result(Hint hint, boolean async) {
		return result(hint, async, Site.NONE);
	}

	TypeName result(Hint hint, boolean async, Site site) {
		TypeName result = javaType(hint, Use.RESULT, site);
		boolean future = result instanceof ParameterizedTypeName generic && generic.rawType().equals(FUTURE);
		return (async && !future) ? ParameterizedTypeName.get(FUTURE, result.box()) : result;
	}

	/** The Java type of a record component with this hint. */
	TypeName field(Hint hint, Site site) {
		return javaType(hint, Use.FIELD, site);
	}

	/** The names of the hints met so far that the table does not know, sorted. */
	Set<String> unmapped() {
		return this.unmapped;
	}

	/** Each hint the table could not map, as {@code where: hint}, sorted. */
	Set<String> unmappedSites() {
		return this.unmappedSites;
	}

	/** The Java type of a hint used as a parameter, result or record component (not nested). */
	TypeName javaType(Hint hint, Use use) {
		return javaType(hint, use, Site.NONE);
	}

	private TypeName javaType(Hint hint, Use use, Site site) {
		this.site = site;
		try {
			TypeName type = lookUp(hint, use, false);
			return (type == TypeName.VOID && use != Use.RESULT) ? ClassName.OBJECT : type;
		}
		finally {
			this.site = Site.NONE;
		}
	}

	private void unmapped(String name, Hint hint) {
		this.unmapped.add(name);
		this.unmappedSites.add(this.site.where() + ": " + hint);
	}

	private TypeName lookUp(Hint hint, Use use, boolean nested) {
		if (hint == null) {
			return ClassName.OBJECT;
		}
		ClassName record = this.records.get(hint.name());
		if (record != null) {
			return record;
		}
		TypeName alias = this.aliases.get(hint.name());
		if (alias != null) {
			return alias;
		}
		ClassName instance = this.instances.get(hint.name());
		if (instance != null) {
			return (!nested && use != Use.FIELD) ? instance : ClassName.OBJECT;
		}
		Row row = BY_NAME.get(hint.name());
		if (row == null) {
			if (!hint.name().equals("?")) {
				unmapped(hint.name(), hint);
			}
			return ClassName.OBJECT;
		}
		return row.rule().apply(hint, use, nested, this);
	}

	/** The Java type of the hint's type argument at {@code index}, boxed; {@code Object} if absent. */
	private TypeName argument(Hint hint, int index, Use use) {
		return (index < hint.args().size()) ? lookUp(hint.args().get(index), use, true).box() : ClassName.OBJECT;
	}

	private static Rule fixed(TypeName type) {
		return (hint, use, nested, table) -> type;
	}

	private static Rule generic(ClassName raw) {
		return (hint, use, nested, table) -> ParameterizedTypeName.get(raw, table.argument(hint, 0, use));
	}

	/** {@code dict[K, V]} → {@code Map<K, V>}; a bare {@code dict} has {@code str} keys. */
	private static TypeName map(Hint hint, Use use, boolean nested, HintTable table) {
		TypeName key = hint.args().isEmpty() ? STRING : table.argument(hint, 0, use);
		return ParameterizedTypeName.get(ClassName.get("java.util", "Map"), key, table.argument(hint, 1, use));
	}

	/**
	 * {@code Optional[T]} and {@code T | None} → boxed {@code T}; any other union →
	 * {@code Object} (a parameter gets an overload per member instead: {@link #alternatives}).
	 */
	private static TypeName optional(Hint hint, Use use, boolean nested, HintTable table) {
		List<Hint> present = new ArrayList<>();
		for (Hint arg : hint.args()) {
			if (!arg.name().equals("NoneType")) {
				present.add(arg);
			}
		}
		if (present.size() == 1) {
			return table.lookUp(present.get(0), use, nested).box();
		}
		table.unmapped("union", hint);
		return ClassName.OBJECT;
	}

	private static boolean isUnion(Hint hint) {
		return hint.name().equals("typing.Union") || hint.name().equals("types.UnionType");
	}

	/**
	 * {@code Literal["a", "b"]} of strings that are Java names → an enum with those
	 * constants; else the type of its values when they share one, else {@code Object}.
	 */
	private static TypeName literal(Hint hint, Use use, boolean nested, HintTable table) {
		List<String> values = new ArrayList<>();
		for (Object value : hint.values()) {
			if (value instanceof String text && NestedTypes.isConstantName(text) && !values.contains(text)) {
				values.add(text);
			}
		}
		if (!values.isEmpty() && values.size() == hint.values().size()) {
			return table.nested.literal(values, table.site.name());
		}
		boolean same = !hint.args().isEmpty()
				&& hint.args().stream().allMatch((arg) -> arg.name().equals(hint.args().get(0).name()));
		return same ? table.lookUp(hint.args().get(0), use, nested) : ClassName.OBJECT;
	}

	/**
	 * {@code tuple[A, B]} → a record of the items; {@code tuple[A, ...]} → {@code List<A>};
	 * a bare {@code tuple} → {@code List<Object>}.
	 */
	private static TypeName tuple(Hint hint, Use use, boolean nested, HintTable table) {
		List<Hint> items = hint.args();
		if (items.size() == 2 && items.get(1).name().equals("...")) {
			return ParameterizedTypeName.get(LIST, table.argument(hint, 0, use));
		}
		if (items.isEmpty()) {
			return ParameterizedTypeName.get(LIST, ClassName.OBJECT);
		}
		List<TypeName> components = new ArrayList<>();
		for (Hint item : items) {
			TypeName component = table.lookUp(item, Use.FIELD, false);
			components.add((component == TypeName.VOID) ? ClassName.OBJECT : component);
		}
		return table.nested.tuple(components, table.site.name());
	}

	/** {@code ItemsView[K, V]} → a {@code List} of records of the key and the value. */
	private static TypeName items(Hint hint, Use use, boolean nested, HintTable table) {
		List<TypeName> pair = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			pair.add((i < hint.args().size()) ? table.lookUp(hint.args().get(i), Use.FIELD, false) : ClassName.OBJECT);
		}
		return ParameterizedTypeName.get(LIST, table.nested.tuple(pair, table.site.name().replaceFirst("Result$", "") + "Item"));
	}

	/**
	 * {@code Callable[[A, B], R]} as a parameter or component → the {@code java.util.function}
	 * type esem passes as a Python callable ({@code Function}, {@code BiFunction},
	 * {@code Supplier}, {@code Consumer}, {@code BiConsumer}, {@code Predicate},
	 * {@code Runnable}), else {@code PythonCallback}. Its arguments arrive as the dynamic API
	 * gives them (an int as {@code Number}), since a lambda keeps no generic types. A callable
	 * returned by Python is a {@code PyObject}.
	 */
	private static TypeName callback(Hint hint, Use use, boolean nested, HintTable table) {
		if (use == Use.RESULT) {
			return ClassName.get("dev.esem", "PyObject");
		}
		ClassName pythonCallback = ClassName.get("dev.esem", "PythonCallback");
		if (hint.args().size() != 2 || !hint.args().get(0).name().equals("[]")) {
			return pythonCallback; // Callable, or Callable[..., R]
		}
		List<TypeName> arguments = new ArrayList<>();
		for (Hint argument : hint.args().get(0).args()) {
			arguments.add(callbackArgument(argument));
		}
		Hint returns = hint.args().get(1);
		boolean none = returns.name().equals("NoneType");
		TypeName result = none ? null : table.lookUp(returns, Use.PARAMETER, true).box();
		return switch (arguments.size()) {
			case 0 -> none ? ClassName.get(Runnable.class) : ParameterizedTypeName.get(ClassName.get(FUNCTIONS, "Supplier"), result);
			case 1 -> none ? ParameterizedTypeName.get(ClassName.get(FUNCTIONS, "Consumer"), arguments.get(0))
					: returns.name().equals("bool") ? ParameterizedTypeName.get(ClassName.get(FUNCTIONS, "Predicate"), arguments.get(0))
					: ParameterizedTypeName.get(ClassName.get(FUNCTIONS, "Function"), arguments.get(0), result);
			case 2 -> none ? ParameterizedTypeName.get(ClassName.get(FUNCTIONS, "BiConsumer"), arguments.get(0), arguments.get(1))
					: ParameterizedTypeName.get(ClassName.get(FUNCTIONS, "BiFunction"), arguments.get(0), arguments.get(1), result);
			default -> pythonCallback;
		};
	}

	/** What a callback argument is in Java: the dynamic API's type, which a lambda cannot convert. */
	private static TypeName callbackArgument(Hint hint) {
		return switch (hint.name()) {
			case "int" -> ClassName.get(Number.class);
			case "float" -> ClassName.get(Double.class);
			case "bool" -> ClassName.get(Boolean.class);
			case "str" -> STRING;
			case "bytes", "bytearray" -> ArrayTypeName.of(TypeName.BYTE);
			case "list", "collections.abc.Sequence" -> ParameterizedTypeName.get(LIST, ClassName.OBJECT);
			case "dict", "collections.abc.Mapping" -> ParameterizedTypeName.get(ClassName.get("java.util", "Map"), STRING,
					ClassName.OBJECT);
			default -> ClassName.OBJECT;
		};
	}

	/**
	 * {@code Awaitable[T]} and {@code Coroutine[Y, S, T]} returned → {@code CompletableFuture<T>}:
	 * the worker awaits them. Anywhere else, {@code Object}.
	 */
	private static TypeName awaited(Hint hint, Use use, boolean nested, HintTable table) {
		if (use != Use.RESULT || nested) {
			table.unmapped(hint.name(), hint);
			return ClassName.OBJECT;
		}
		int index = hint.name().equals("collections.abc.Coroutine") ? 2 : 0;
		return ParameterizedTypeName.get(FUTURE, table.argument(hint, index, use));
	}

	/**
	 * A result that is an iterator or generator streams; anywhere else, a list is what
	 * crosses. A generator result that takes values ({@code Generator[Y, S, R]} with a send
	 * type) is a view with {@code next()} and {@code send(S)}.
	 */
	private static TypeName stream(Hint hint, Use use, boolean nested, HintTable table) {
		if (use == Use.RESULT && !nested && hint.name().equals("collections.abc.Generator") && hint.args().size() > 1
				&& !hint.args().get(1).name().equals("NoneType")) {
			return table.nested.generator(table.argument(hint, 0, use), table.argument(hint, 1, Use.PARAMETER),
					table.site.name().replaceFirst("Result$", ""));
		}
		ClassName raw = (use == Use.RESULT && !nested) ? ClassName.get("java.util.stream", "Stream") : LIST;
		return ParameterizedTypeName.get(raw, table.argument(hint, 0, use));
	}

	private static Row row(Rule rule, String... python) {
		return new Row(rule, List.of(python));
	}

	private static Map<String, Row> byName() {
		Map<String, Row> byName = new LinkedHashMap<>();
		for (Row row : ROWS) {
			for (String name : row.python()) {
				if (byName.put(name, row) != null) {
					throw new IllegalStateException(name + " is in two rows of the hint table");
				}
			}
		}
		return byName;
	}

}
