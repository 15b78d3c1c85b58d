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

	static final List<Row> ROWS = List.of(
			row(fixed(TypeName.LONG), "int"),
			row(fixed(TypeName.DOUBLE), "float"),
			row(fixed(TypeName.BOOLEAN), "bool"),
			row(fixed(STRING), "str"),
			row(fixed(ArrayTypeName.of(TypeName.BYTE)), "bytes", "bytearray"),
			row(fixed(TypeName.VOID), "NoneType"),
			row(generic(LIST), "list", "collections.abc.Sequence", "collections.abc.MutableSequence"),
			row(HintTable::map, "dict", "collections.abc.Mapping", "collections.abc.MutableMapping"),
			row(generic(ClassName.get("java.util", "Set")), "set", "frozenset", "collections.abc.Set",
					"collections.abc.MutableSet"),
			row(fixed(ParameterizedTypeName.get(LIST, ClassName.OBJECT)), "tuple"),
			row(HintTable::optional, "typing.Union", "types.UnionType"),
			row(HintTable::literal, "typing.Literal"),
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

	private final Set<String> unmapped = new TreeSet<>();

	/**
	 * @param records the generated record for each data class, by the Python id the hints use
	 * @param instances the generated nested interface for each class of the module, by Python id
	 */
	HintTable(Map<String, ClassName> records, Map<String, ClassName> instances) {
		this.records = records;
		this.instances = instances;
	}

	/** The Java type of a parameter with this hint ({@code null}: no hint). */
	TypeName parameter(Hint hint) {
		return javaType(hint, Use.PARAMETER);
	}

	/** The Java result type; an {@code async def} returns a {@code CompletableFuture} of it. */
	TypeName result(Hint hint, boolean async) {
		TypeName result = javaType(hint, Use.RESULT);
		return async ? ParameterizedTypeName.get(ClassName.get("java.util.concurrent", "CompletableFuture"),
				result.box()) : result;
	}

	/** The Java type of a record component with this hint. */
	TypeName field(Hint hint) {
		return javaType(hint, Use.FIELD);
	}

	/** The names of the hints met so far that the table does not know, sorted. */
	Set<String> unmapped() {
		return this.unmapped;
	}

	/** The Java type of a hint used as a parameter, result or record component (not nested). */
	TypeName javaType(Hint hint, Use use) {
		TypeName type = lookUp(hint, use, false);
		return (type == TypeName.VOID && use != Use.RESULT) ? ClassName.OBJECT : type;
	}

	private TypeName lookUp(Hint hint, Use use, boolean nested) {
		if (hint == null) {
			return ClassName.OBJECT;
		}
		ClassName record = this.records.get(hint.name());
		if (record != null) {
			return record;
		}
		ClassName instance = this.instances.get(hint.name());
		if (instance != null) {
			return (!nested && use != Use.FIELD) ? instance : ClassName.OBJECT;
		}
		Row row = BY_NAME.get(hint.name());
		if (row == null) {
			if (!hint.name().equals("?")) {
				this.unmapped.add(hint.name());
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

	/** {@code Optional[T]} and {@code T | None} → boxed {@code T}; any other union → {@code Object}. */
	private static TypeName optional(Hint hint, Use use, boolean nested, HintTable table) {
		List<Hint> present = new ArrayList<>();
		for (Hint arg : hint.args()) {
			if (!arg.name().equals("NoneType")) {
				present.add(arg);
			}
		}
		return (present.size() == 1) ? table.lookUp(present.get(0), use, nested).box() : ClassName.OBJECT;
	}

	/** {@code Literal["a", "b"]} → the type of its values when they share one, else {@code Object}. */
	private static TypeName literal(Hint hint, Use use, boolean nested, HintTable table) {
		boolean same = !hint.args().isEmpty()
				&& hint.args().stream().allMatch((arg) -> arg.name().equals(hint.args().get(0).name()));
		return same ? table.lookUp(hint.args().get(0), use, nested) : ClassName.OBJECT;
	}

	/** A result that is an iterator or generator streams; anywhere else, a list is what crosses. */
	private static TypeName stream(Hint hint, Use use, boolean nested, HintTable table) {
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
