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
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;

import dev.esem.maven.ModuleDescription.Attribute;
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

	private static final ClassName PYTHON_ATTRIBUTE = ClassName.get("dev.esem.annotation", "PythonAttribute");

	private static final ClassName PYTHON_TIMEOUT = ClassName.get("dev.esem.annotation", "PythonTimeout");

	private static final ClassName PYTHON_BATCH = ClassName.get("dev.esem.annotation", "PythonBatch");

	private static final ClassName KWARGS = ClassName.get("dev.esem", "Kwargs");

	/** Unions in parameters multiply overloads: beyond this many, the parameters stay {@code Object}. */
	private static final int MAX_UNION_OVERLOADS = 16;

	private static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");

	/**
	 * The generated source of one module.
	 *
	 * @param path the file, relative to the output directory
	 * @param content the Java source
	 * @param warnings what could not be generated as the module asked
	 * @param unmapped the hints that the table does not know, sorted: they are generated as {@code Object}
	 * @param unmappedSites each such hint with where it is used, as {@code Interface.method(parameter): hint}
	 */
	record Source(Path path, String content, List<String> warnings, List<String> unmapped,
			List<String> unmappedSites) {
	}

	private final String packageName;

	private final List<FunctionOptions> options;

	/** @param packageName the package of the generated interfaces (modules in subdirectories go below it) */
	InterfaceGenerator(String packageName) {
		this(packageName, List.of());
	}

	/**
	 * @param packageName the package of the generated interfaces (modules in subdirectories go below it)
	 * @param options per-function options, which become annotations on the methods they name
	 */
	InterfaceGenerator(String packageName, List<FunctionOptions> options) {
		this.packageName = packageName;
		this.options = List.copyOf(options);
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

		private final Map<String, TypeName> aliases = new LinkedHashMap<>();

		private final List<String> warnings = new ArrayList<>();

		private final NestedTypes nestedTypes;

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
				if (record.isEnum() && record.base() != null) {
					// an IntEnum or a str enum crosses as its values, not by name
					this.aliases.put(record.id(), record.base().equals("int") ? TypeName.LONG : ClassName.get(String.class));
				}
				else {
					nestedName(record.id(), record.name(), taken, this.records);
				}
			}
			this.nestedTypes = new NestedTypes(this.moduleType, taken::contains);
			this.hints = new HintTable(this.records, this.instances, this.aliases, this.nestedTypes);
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
			Set<String> signatures = new HashSet<>();
			String owner = this.moduleType.simpleName();
			addMethods(type, this.module.functions(), owner, null, signatures);
			for (PythonClass cls : this.module.classes()) {
				ClassName name = this.instances.get(cls.id());
				if (name != null && cls.constructor() != null) {
					addCreation(type, cls, name, signatures);
				}
			}
			for (Attribute constant : this.module.constants()) {
				addGetter(type, constant, JavaNames.getterName(constant.name()), owner, signatures);
			}
			for (PythonClass cls : this.module.classes()) {
				ClassName name = this.instances.get(cls.id());
				if (name != null) {
					type.addType(instanceInterface(cls, name));
				}
			}
			for (DataRecord record : this.module.records()) {
				ClassName name = this.records.get(record.id());
				if (name != null) {
					type.addType(record.isEnum() ? this.nestedTypes.enumOf(name, record.members(), javadoc(record.doc()))
							: record(record, name));
				}
			}
			this.nestedTypes.types().forEach(type::addType);
			JavaFile file = JavaFile.builder(this.javaPackage, type.build())
				.addFileComment("Generated by the esem Maven plugin from $L: change the Python module, not this file.",
						this.module.spec())
				.indent("\t")
				.skipJavaLangImports(true)
				.build();
			Path path = Path.of(this.javaPackage.replace('.', '/'), this.moduleType.simpleName() + ".java");
			return new Source(path, file.toString(), List.copyOf(this.warnings), List.copyOf(this.hints.unmapped()),
					List.copyOf(this.hints.unmappedSites()));
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
			String owner = this.moduleType.simpleName() + "." + name.simpleName();
			Set<String> signatures = new HashSet<>();
			addMethods(type, cls.methods(), owner, cls.name(), signatures);
			for (Attribute property : cls.properties()) {
				addGetter(type, property, JavaNames.getterName(property.name()), owner, signatures);
			}
			return type.build();
		}

		/**
		 * {@code Point newPoint(double x, double y)}: the class's constructor as a method of the
		 * module interface that returns the instance's view, with overloads for defaults.
		 */
		private void addCreation(TypeSpec.Builder type, PythonClass cls, ClassName instance, Set<String> signatures) {
			Function constructor = cls.constructor();
			CodeBlock doc = CodeBlock.of("A new Python {@code $L}: {@code $L(...)}.\n", cls.name(), cls.name());
			Function creation = new Function(cls.name(), constructor.doc(), false, constructor.parameters(), null);
			addFunction(type, creation, "new" + instance.simpleName(), instance, (constructor.doc() != null)
					? javadoc(constructor.doc()) : doc, this.moduleType.simpleName(), List.of(), signatures);
		}

		/** {@code @PythonAttribute("MAX_SIZE") long getMaxSize()}: a constant or property read. */
		private void addGetter(TypeSpec.Builder type, Attribute attribute, String name, String owner,
				Set<String> signatures) {
			HintTable.Site site = new HintTable.Site(owner + "." + name + "()",
					JavaNames.typeName(attribute.name().toLowerCase(java.util.Locale.ROOT)));
			MethodSpec method = MethodSpec.methodBuilder(name)
				.addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT)
				.addJavadoc((attribute.doc() != null) ? javadoc(attribute.doc())
						: CodeBlock.of("Python's {@code $L}.\n", attribute.name()))
				.addAnnotation(AnnotationSpec.builder(PYTHON_ATTRIBUTE).addMember("value", "$S", attribute.name()).build())
				.returns(this.hints.result(attribute.hint(), false, site))
				.build();
			if (signatures.add(erasure(method))) {
				type.addMethod(method);
			}
			else {
				this.warnings.add(owner + "." + name + "() for Python's " + attribute.name()
						+ " is left out: it clashes with a method generated before");
			}
		}

		/**
		 * One method per function (per {@code @overload} variant when it has them), plus one
		 * overload per trailing parameter with a default and one per member of a union.
		 *
		 * @param pythonClass the Python class for methods, {@code null} for module functions
		 */
		private void addMethods(TypeSpec.Builder type, List<Function> functions, String owner, String pythonClass,
				Set<String> signatures) {
			for (Function function : functions) {
				String key = (pythonClass != null) ? pythonClass + "." + function.name() : function.name();
				List<AnnotationSpec> annotations = optionAnnotations(key);
				List<Function> variants = function.overloads().isEmpty() ? List.of(function) : function.overloads();
				if (annotations.stream().anyMatch((annotation) -> annotation.type().equals(PYTHON_BATCH))) {
					variants = variants.stream().map((variant) -> batchItemForm(variant, owner)).toList();
				}
				for (Function variant : variants) {
					CodeBlock doc = javadoc((variant.doc() != null) ? variant.doc() : function.doc());
					addFunction(type, variant, JavaNames.methodName(function.name()), null, doc, owner, annotations,
							signatures);
				}
			}
		}

		/**
		 * The methods of one Python signature.
		 *
		 * @param result the result type, or {@code null} for the function's hint
		 */
		private void addFunction(TypeSpec.Builder type, Function function, String javaName, TypeName result,
				CodeBlock javadoc, String owner, List<AnnotationSpec> annotations, Set<String> signatures) {
			String where = owner + "." + javaName;
			List<Parameter> named = function.parameters().stream()
				.filter((parameter) -> parameter.positional() || parameter.keywordOnly())
				.toList();
			Parameter varargs = function.parameters().stream()
				.filter((parameter) -> parameter.kind().equals("VAR_POSITIONAL"))
				.findFirst()
				.orElse(null);
			Parameter kwargs = function.parameters().stream()
				.filter((parameter) -> parameter.kind().equals("VAR_KEYWORD"))
				.findFirst()
				.orElse(null);
			List<List<ParameterSpec>> parameterLists = parameterLists(named, where);
			if (result == null) { // after the parameters: a type made for both is named after the parameter
				String resultName = JavaNames.typeName(function.name()) + "Result";
				result = this.hints.result(function.returns(), function.async(), new HintTable.Site(where + "()", resultName));
			}
			for (List<ParameterSpec> parameters : parameterLists) {
				List<ParameterSpec> tail = new ArrayList<>();
				Set<String> names = new HashSet<>();
				parameters.forEach((parameter) -> names.add(parameter.name()));
				if (kwargs != null) {
					tail.add(ParameterSpec.builder(KWARGS, unique(JavaNames.parameterName(kwargs.name()), names)).build());
				}
				if (varargs != null) {
					TypeName item = this.hints.parameter(varargs.hint(),
							new HintTable.Site(where + "(*" + varargs.name() + ")", JavaNames.typeName(varargs.name())));
					tail.add(ParameterSpec.builder(ArrayTypeName.of(item), unique(JavaNames.parameterName(varargs.name()), names))
						.build());
				}
				MethodSpec full = null;
				for (int count = parameters.size(); count >= 0; count--) {
					List<ParameterSpec> kept = new ArrayList<>(parameters.subList(0, count));
					kept.addAll(tail);
					CodeBlock doc = (full == null) ? javadoc : overloadJavadoc(full, parameters.subList(count, parameters.size()));
					MethodSpec method = method(function.name(), javaName, kept, varargs != null, result, doc, annotations);
					if (!signatures.add(erasure(method))) {
						this.warnings.add(owner + "." + method.name() + "(" + kept.size() + " parameters) of Python's "
								+ function.name() + " is left out: it clashes with a method generated before");
					}
					else {
						type.addMethod(method);
					}
					full = (full != null) ? full : method;
					// Before *args, a left-out positional parameter would take the first vararg's place.
					boolean positionalBeforeVarargs = varargs != null && count > 0 && named.get(count - 1).positional();
					if (count == 0 || !named.get(count - 1).hasDefault() || positionalBeforeVarargs) {
						break;
					}
				}
			}
		}

		private MethodSpec method(String pythonName, String javaName, List<ParameterSpec> parameters, boolean varargs,
				TypeName result, CodeBlock javadoc, List<AnnotationSpec> annotations) {
			MethodSpec.Builder method = MethodSpec.methodBuilder(javaName)
				.addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT)
				.addJavadoc(javadoc)
				.addParameters(parameters)
				.varargs(varargs)
				.returns(result);
			if (!javaName.equals(pythonName)) {
				method.addAnnotation(AnnotationSpec.builder(PYTHON_NAME).addMember("value", "$S", pythonName).build());
			}
			method.addAnnotations(annotations);
			return method.build();
		}

		/**
		 * A batched function as Java calls it, one item at a time: Python's
		 * {@code predict(rows: list[T]) -> list[R]} becomes {@code R predict(T row)}, since
		 * {@code @PythonBatch} gathers the items of concurrent calls into the list.
		 */
		private Function batchItemForm(Function function, String owner) {
			List<Parameter> parameters = function.parameters();
			Hint returns = function.returns();
			if (parameters.size() == 1 && isSequence(parameters.get(0).hint()) && isSequence(returns)) {
				Parameter items = parameters.get(0);
				Parameter item = new Parameter(items.name(), items.kind(), items.hasDefault(), items.hint().args().get(0));
				return new Function(function.name(), function.doc(), function.async(), List.of(item),
						returns.args().get(0));
			}
			this.warnings.add(owner + "." + JavaNames.methodName(function.name()) + " is batched, but Python's "
					+ function.name() + " does not take one list and return a list: its signature is kept as it is");
			return function;
		}

		private static boolean isSequence(Hint hint) {
			return hint != null && hint.args().size() == 1
					&& List.of("list", "collections.abc.Sequence").contains(hint.name());
		}

		/** The annotations that the plugin configuration asks for on the methods of {@code key}. */
		private List<AnnotationSpec> optionAnnotations(String key) {
			List<AnnotationSpec> annotations = new ArrayList<>();
			for (FunctionOptions option : InterfaceGenerator.this.options) {
				if (!this.module.spec().equals(option.module()) || !key.equals(option.name())) {
					continue;
				}
				if (option.timeout() != null) {
					annotations.add(AnnotationSpec.builder(PYTHON_TIMEOUT).addMember("value", "$S", option.timeout()).build());
				}
				if (option.batched()) {
					AnnotationSpec.Builder batch = AnnotationSpec.builder(PYTHON_BATCH);
					if (option.batchMaxSize() != null) {
						batch.addMember("maxSize", "$L", option.batchMaxSize());
					}
					if (option.batchMaxDelay() != null) {
						batch.addMember("maxDelay", "$S", option.batchMaxDelay());
					}
					annotations.add(batch.build());
				}
			}
			return annotations;
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

		/**
		 * The Java parameters, positional ones in order, then keyword-only ones as
		 * {@code @PythonKeyword}: one list per combination of the members of union hints.
		 */
		private List<List<ParameterSpec>> parameterLists(List<Parameter> parameters, String where) {
			List<List<ParameterSpec>> lists = new ArrayList<>();
			lists.add(new ArrayList<>());
			Set<String> names = new HashSet<>();
			List<String> javaNames = new ArrayList<>();
			List<List<TypeName>> alternatives = new ArrayList<>();
			long combinations = 1;
			for (Parameter parameter : parameters) {
				String name = unique(JavaNames.parameterName(parameter.name()), names);
				javaNames.add(name);
				List<TypeName> types = this.hints.alternatives(parameter.hint(),
						new HintTable.Site(where + "(" + name + ")", JavaNames.typeName(parameter.name())));
				alternatives.add(types);
				combinations *= types.size();
			}
			for (int i = 0; i < parameters.size(); i++) {
				Parameter parameter = parameters.get(i);
				List<TypeName> types = (combinations <= MAX_UNION_OVERLOADS) ? alternatives.get(i)
						: List.of(alternatives.get(i).size() == 1 ? alternatives.get(i).get(0) : ClassName.OBJECT);
				List<List<ParameterSpec>> next = new ArrayList<>();
				for (List<ParameterSpec> list : lists) {
					for (TypeName type : types) {
						ParameterSpec.Builder spec = ParameterSpec.builder(type, javaNames.get(i));
						if (parameter.keywordOnly()) {
							spec.addAnnotation(AnnotationSpec.builder(PYTHON_KEYWORD)
								.addMember("value", "$S", parameter.name())
								.build());
						}
						List<ParameterSpec> extended = new ArrayList<>(list);
						extended.add(spec.build());
						next.add(extended);
					}
				}
				lists = next;
			}
			return lists;
		}

		/**
		 * A record with Java component names; {@code @PythonName} gives the Python name, which
		 * only the bridge uses: other Jackson mappers (a web framework's) keep the Java names.
		 */
		private TypeSpec record(DataRecord record, ClassName name) {
			MethodSpec.Builder components = MethodSpec.constructorBuilder();
			Set<String> names = new HashSet<>();
			for (Field field : record.fields()) {
				String component = unique(JavaNames.componentName(field.name()), names);
				HintTable.Site site = new HintTable.Site(this.moduleType.simpleName() + "." + name.simpleName() + "."
						+ component, name.simpleName() + JavaNames.typeName(field.name()));
				ParameterSpec.Builder spec = ParameterSpec.builder(this.hints.field(field.hint(), site), component);
				if (!component.equals(field.name())) {
					spec.addAnnotation(AnnotationSpec.builder(PYTHON_NAME).addMember("value", "$S", field.name()).build());
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
