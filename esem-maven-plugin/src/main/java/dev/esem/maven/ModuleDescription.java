package dev.esem.maven;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What the inspection script reports about one Python module: its public functions,
 * classes and data records, or the traceback of its failed import.
 *
 * @param spec the module spec, as the bridge loads it ({@code "pricing.py"})
 * @param name the module's {@code __name__}
 * @param doc the module docstring, cleaned, or {@code null}
 * @param error the traceback when the module failed to import, else {@code null}
 * @param functions the public functions, in definition order (or {@code __all__}'s)
 * @param classes the public classes that are not records, exceptions or enums
 * @param constants the module's public data attributes (constants)
 * @param records the data classes and enums defined in the module or named in a hint
 * @param stub whether the description comes from the module's {@code .pyi} stub
 */
record ModuleDescription(String spec, String name, String doc, String error, List<Function> functions,
		List<PythonClass> classes, List<Attribute> constants, List<DataRecord> records, boolean stub) {

	ModuleDescription {
		functions = (functions != null) ? functions : List.of();
		classes = (classes != null) ? classes : List.of();
		constants = (constants != null) ? constants : List.of();
		records = (records != null) ? records : List.of();
	}

	ModuleDescription(String spec, String name, String doc, String error, List<Function> functions,
			List<PythonClass> classes, List<DataRecord> records) {
		this(spec, name, doc, error, functions, classes, List.of(), records, false);
	}

	/**
	 * A function or method; a method's {@code self} is not among its parameters.
	 *
	 * @param overloads the {@code @overload} variants, each with its own parameters and hints
	 */
	record Function(String name, String doc, boolean async, List<Parameter> parameters, Hint returns,
			List<Function> overloads) {

		Function {
			parameters = (parameters != null) ? parameters : List.of();
			overloads = (overloads != null) ? overloads : List.of();
		}

		Function(String name, String doc, boolean async, List<Parameter> parameters, Hint returns) {
			this(name, doc, async, parameters, returns, List.of());
		}

	}

	/** A module constant or a property of a class. */
	record Attribute(String name, String doc, Hint hint) {
	}

	/**
	 * @param kind the {@code inspect.Parameter} kind: {@code POSITIONAL_ONLY},
	 * {@code POSITIONAL_OR_KEYWORD}, {@code VAR_POSITIONAL}, {@code KEYWORD_ONLY} or
	 * {@code VAR_KEYWORD}
	 * @param hasDefault whether the parameter has a default value
	 * @param hint the type hint, or {@code null} when there is none
	 */
	record Parameter(String name, String kind, @JsonProperty("default") boolean hasDefault, Hint hint) {

		boolean positional() {
			return "POSITIONAL_ONLY".equals(this.kind) || "POSITIONAL_OR_KEYWORD".equals(this.kind);
		}

		boolean keywordOnly() {
			return "KEYWORD_ONLY".equals(this.kind);
		}

	}

	/**
	 * @param id the module and qualified name that hints use to name the class
	 * @param properties its public properties
	 * @param constructor its {@code __init__} without {@code self}, or {@code null} when Python cannot tell it
	 */
	record PythonClass(String id, String name, String doc, List<Function> methods, List<Attribute> properties,
			Function constructor) {

		PythonClass {
			methods = (methods != null) ? methods : List.of();
			properties = (properties != null) ? properties : List.of();
		}

	}

	/**
	 * A dataclass, TypedDict, NamedTuple or pydantic model: data that crosses as a dict; or
	 * an {@code enum.Enum} class, which has members instead of fields.
	 *
	 * @param members the names of an enum's members, {@code null} for a record
	 * @param base {@code int} or {@code str} for an enum whose members are ints or strs (and cross as
	 * such), else {@code null}
	 */
	record DataRecord(String id, String name, String doc, List<Field> fields, List<String> members, String base) {

		DataRecord {
			fields = (fields != null) ? fields : List.of();
		}

		boolean isEnum() {
			return this.members != null;
		}

	}

	record Field(String name, Hint hint) {
	}

}
