package dev.esem.maven;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.lang.model.element.Modifier;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;

import dev.esem.maven.ModuleDescription.DataRecord;
import dev.esem.maven.ModuleDescription.Field;
import dev.esem.maven.ModuleDescription.Function;
import dev.esem.maven.ModuleDescription.Parameter;
import dev.esem.maven.ModuleDescription.PythonClass;

/**
 * Writes the Java interface of one Python module: {@code my_tools.py} becomes
 * {@code MyTools}, annotated {@code @PythonModule("my_tools.py")}, with one method per
 * public function, a nested {@code PythonInstance} interface per class and a nested
 * record per data class.
 *
 * <p>The source is built with JavaPoet rather than text templates: it writes the
 * imports (and qualifies a name where two would clash, say a Python class called
 * {@code List}), escapes strings, and lays the code out the same way every time, so
 * the output is deterministic and reads like hand-written Java.
 */
final class InterfaceGenerator {

	private static final ClassName PYTHON_MODULE = ClassName.get("dev.esem.annotation", "PythonModule");

	private static final ClassName PYTHON_CLASS = ClassName.get("dev.esem.annotation", "PythonClass");

	private static final ClassName PYTHON_NAME = ClassName.get("dev.esem.annotation", "PythonName");

	private static final ClassName PYTHON_KEYWORD = ClassName.get("dev.esem.annotation", "PythonKeyword");

	private static final ClassName PYTHON_INSTANCE = ClassName.get("dev.esem", "PythonInstance");

	private static final ClassName JSON_PROPERTY = ClassName.get("com.fasterxml.jackson.annotation", "JsonProperty");

	private static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");

	/**
	 * The generated source of one module.
	 *
	 * @param path the file, relative to the output directory
	 * @param content the Java source
	 * @param warnings what could not be generated as the module asked
	 * @param unmapped the hints that the table does not know, sorted: they are generated as {@code Object}
	 */
	record Source(Path path, String content, List<String> warnings, List<String> unmapped) {
	}

	private final String packageName;

	/** @param packageName the package of the generated interfaces (modules in subdirectories go below it) */
	InterfaceGenerator(String packageName) {
		this.packageName = packageName;
	}

	Source generate(ModuleDescription module) {
		return new ModuleWriter(module).write();
	}

	/** Writes one module; holds the names chosen for its nested types. */
	private final class ModuleWriter {

		private final ModuleDescription module;

		private final String javaPackage;

		private final ClassName moduleType;

		private final Map<String, ClassName> records = new LinkedHashMap<>();

		private final Map<String, ClassName> instances = new LinkedHashMap<>();

		private final List<String> warnings = new ArrayList<>();

		private final HintTable hints;

		ModuleWriter(ModuleDescription module) {
			this.module = module;
			Path spec = Path.of(module.spec());
			String stem = spec.getFileName().toString().replaceFirst("\\.py$", "");
			String javaPackage = InterfaceGenerator.this.packageName;
			for (int i = 0; i < spec.getNameCount() - 1; i++) {
				javaPackage += "." + JavaNames.packageSegment(spec.getName(i).toString());
			}
			this.javaPackage = javaPackage;
			String name = JavaNames.typeName(stem);
			Set<String> nested = new HashSet<>();
			module.classes().forEach((cls) -> nested.add(JavaNames.typeName(cls.name())));
			module.records().forEach((record) -> nested.add(JavaNames.typeName(record.name())));
			if (nested.contains(name)) {
				name += "Module"; // a nested type cannot have the name of the interface around it
			}
			this.moduleType = ClassName.get(javaPackage, name);
			Set<String> taken = new HashSet<>();
			for (PythonClass cls : module.classes()) {
				nestedName(cls.id(), cls.name(), taken, this.instances);
			}
			for (DataRecord record : module.records()) {
				nestedName(record.id(), record.name(), taken, this.records);
			}
			this.hints = new HintTable(this.records, this.instances);
		}

		private void nestedName(String id, String pythonName, Set<String> taken, Map<String, ClassName> names) {
			String name = JavaNames.typeName(pythonName);
			if (taken.add(name)) {
				names.put(id, this.moduleType.nestedClass(name));
			}
			else {
				this.warnings.add(id + " is left out (and is Object where named): another nested type is called " + name);
			}
		}

		Source write() {
			TypeSpec.Builder type = TypeSpec.interfaceBuilder(this.moduleType)
				.addModifiers(Modifier.PUBLIC)
				.addJavadoc(javadoc(this.module.doc()))
				.addAnnotation(AnnotationSpec.builder(GENERATED).addMember("value", "$S", "dev.esem:esem-maven-plugin").build())
				.addAnnotation(AnnotationSpec.builder(PYTHON_MODULE).addMember("value", "$S", this.module.spec()).build());
			addMethods(type, this.module.functions(), this.moduleType.simpleName());
			for (PythonClass cls : this.module.classes()) {
				ClassName name = this.instances.get(cls.id());
				if (name != null) {
					type.addType(instanceInterface(cls, name));
				}
			}
			for (DataRecord record : this.module.records()) {
				ClassName name = this.records.get(record.id());
				if (name != null) {
					type.addType(record(record, name));
				}
			}
			JavaFile file = JavaFile.builder(this.javaPackage, type.build())
				.addFileComment("Generated by the esem Maven plugin from $L: change the Python module, not this file.",
						this.module.spec())
				.indent("\t")
				.skipJavaLangImports(true)
				.build();
			Path path = Path.of(this.javaPackage.replace('.', '/'), this.moduleType.simpleName() + ".java");
			return new Source(path, file.toString(), List.copyOf(this.warnings), List.copyOf(this.hints.unmapped()));
		}

		private TypeSpec instanceInterface(PythonClass cls, ClassName name) {
			TypeSpec.Builder type = TypeSpec.interfaceBuilder(name)
				.addModifiers(Modifier.PUBLIC, Modifier.STATIC)
				.addJavadoc(javadoc(cls.doc()))
				.addAnnotation(AnnotationSpec.builder(PYTHON_CLASS)
					.addMember("module", "$S", this.module.spec())
					.addMember("name", "$S", cls.name())
					.build())
				.addSuperinterface(PYTHON_INSTANCE);
			addMethods(type, cls.methods(), this.moduleType.simpleName() + "." + name.simpleName());
			return type.build();
		}

		/** One method per function, plus one overload per trailing parameter with a default. */
		private void addMethods(TypeSpec.Builder type, List<Function> functions, String owner) {
			Set<String> signatures = new HashSet<>();
			for (Function function : functions) {
				List<ParameterSpec> parameters = parameters(function);
				List<Parameter> python = function.parameters().stream()
					.filter((parameter) -> parameter.positional() || parameter.keywordOnly())
					.toList();
				TypeName result = this.hints.result(function.returns(), function.async());
				MethodSpec full = null;
				for (int count = parameters.size(); count >= 0; count--) {
					List<ParameterSpec> kept = parameters.subList(0, count);
					CodeBlock javadoc = (full == null) ? javadoc(function.doc())
							: overloadJavadoc(full, parameters.subList(count, parameters.size()));
					MethodSpec method = method(function, kept, result, javadoc);
					if (!signatures.add(erasure(method))) {
						this.warnings.add(owner + "." + method.name() + "(" + count + " parameters) of Python's "
								+ function.name() + " is left out: it clashes with a method generated before");
					}
					else {
						type.addMethod(method);
					}
					full = (full != null) ? full : method;
					if (count == 0 || !python.get(count - 1).hasDefault()) {
						break;
					}
				}
			}
		}

		private MethodSpec method(Function function, List<ParameterSpec> parameters, TypeName result,
				CodeBlock javadoc) {
			String name = JavaNames.methodName(function.name());
			MethodSpec.Builder method = MethodSpec.methodBuilder(name)
				.addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT)
				.addJavadoc(javadoc)
				.addParameters(parameters)
				.returns(result);
			if (!name.equals(function.name())) {
				method.addAnnotation(AnnotationSpec.builder(PYTHON_NAME).addMember("value", "$S", function.name()).build());
			}
			return method.build();
		}

		/** "Like {@link #area(double, double, boolean)}, with Python's defaults for {@code height} and {@code rounded}." */
		private CodeBlock overloadJavadoc(MethodSpec full, List<ParameterSpec> left) {
			List<CodeBlock> types = new ArrayList<>();
			for (ParameterSpec parameter : full.parameters()) {
				TypeName type = parameter.type();
				types.add(CodeBlock.of("$T", (type instanceof ParameterizedTypeName generic) ? generic.rawType() : type));
			}
			StringBuilder names = new StringBuilder();
			for (int i = 0; i < left.size(); i++) {
				names.append((i == 0) ? "" : (i == left.size() - 1) ? " and " : ", ")
					.append("{@code ").append(left.get(i).name()).append('}');
			}
			return CodeBlock.of("Like {@link #$L($L)}, with Python's default$L for $L.\n", full.name(),
					CodeBlock.join(types, ", "), (left.size() == 1) ? "" : "s", names);
		}

		/** The Java parameters: positional ones in order, then keyword-only ones as {@code @PythonKeyword}. */
		private List<ParameterSpec> parameters(Function function) {
			List<ParameterSpec> parameters = new ArrayList<>();
			Set<String> names = new HashSet<>();
			for (Parameter parameter : function.parameters()) {
				if (!parameter.positional() && !parameter.keywordOnly()) {
					continue; // *args and **kwargs: see the documentation
				}
				String name = unique(JavaNames.parameterName(parameter.name()), names);
				ParameterSpec.Builder spec = ParameterSpec.builder(this.hints.parameter(parameter.hint()), name);
				if (parameter.keywordOnly()) {
					spec.addAnnotation(AnnotationSpec.builder(PYTHON_KEYWORD).addMember("value", "$S", parameter.name()).build());
				}
				parameters.add(spec.build());
			}
			return parameters;
		}

		private TypeSpec record(DataRecord record, ClassName name) {
			MethodSpec.Builder components = MethodSpec.constructorBuilder();
			Set<String> names = new HashSet<>();
			for (Field field : record.fields()) {
				String component = unique(JavaNames.componentName(field.name()), names);
				ParameterSpec.Builder spec = ParameterSpec.builder(this.hints.field(field.hint()), component);
				if (!component.equals(field.name())) {
					spec.addAnnotation(AnnotationSpec.builder(JSON_PROPERTY).addMember("value", "$S", field.name()).build());
				}
				components.addParameter(spec.build());
			}
			return TypeSpec.recordBuilder(name)
				.addModifiers(Modifier.PUBLIC, Modifier.STATIC)
				.addJavadoc(javadoc(record.doc()))
				.recordConstructor(components.build())
				.build();
		}

	}

	/** The docstring as Javadoc; no docstring, no Javadoc. */
	private static CodeBlock javadoc(String docstring) {
		String text = JavadocText.of(docstring);
		return text.isEmpty() ? CodeBlock.builder().build() : CodeBlock.of("$L", text);
	}

	private static String unique(String name, Set<String> taken) {
		String unique = name;
		for (int n = 2; !taken.add(unique); n++) {
			unique = name + n;
		}
		return unique;
	}

	/** The name and erased parameter types: two methods that share it cannot both be declared. */
	private static String erasure(MethodSpec method) {
		StringBuilder erasure = new StringBuilder(method.name()).append('(');
		for (ParameterSpec parameter : method.parameters()) {
			TypeName type = parameter.type();
			erasure.append((type instanceof ParameterizedTypeName generic) ? generic.rawType() : type).append(',');
		}
		return erasure.append(')').toString();
	}

}
