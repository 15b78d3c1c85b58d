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
 * @param records the data classes defined in the module or named in a hint
 */
record ModuleDescription(String spec, String name, String doc, String error, List<Function> functions,
		List<PythonClass> classes, List<DataRecord> records) {

	ModuleDescription {
		functions = (functions != null) ? functions : List.of();
		classes = (classes != null) ? classes : List.of();
		records = (records != null) ? records : List.of();
	}

	/** A function or method; a method's {@code self} is not among its parameters. */
	record Function(String name, String doc, boolean async, List<Parameter> parameters, Hint returns) {

		Function {
			parameters = (parameters != null) ? parameters : List.of();
		}

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

	/** @param id the module and qualified name that hints use to name the class */
	record PythonClass(String id, String name, String doc, List<Function> methods) {

		PythonClass {
			methods = (methods != null) ? methods : List.of();
		}

	}

	/** A dataclass, TypedDict, NamedTuple or pydantic model: data that crosses as a dict. */
	record DataRecord(String id, String name, String doc, List<Field> fields) {

		DataRecord {
			fields = (fields != null) ? fields : List.of();
		}

	}

	record Field(String name, Hint hint) {
	}

}
