package dev.esem.maven;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import javax.lang.model.SourceVersion;
import javax.lang.model.element.Modifier;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;

/**
 * The nested types that hints need but the module does not define: a record for each
 * {@code tuple[A, B]}, an enum for each {@code Literal["a", "b"]} of strings, an
 * interface for each generator that takes {@code send}. Each is named after the place
 * that uses it ({@code MinMaxResult}, {@code Mode}); the same literal values used again
 * are the same enum.
 */
final class NestedTypes {

	private static final ClassName JSON_FORMAT = ClassName.get("com.fasterxml.jackson.annotation", "JsonFormat");

	private static final ClassName PYTHON_NAME = ClassName.get("dev.esem.annotation", "PythonName");

	private static final ClassName PYTHON_INSTANCE = ClassName.get("dev.esem", "PythonInstance");

	private static final List<String> ORDINALS = List.of("first", "second", "third", "fourth", "fifth", "sixth",
			"seventh", "eighth", "ninth", "tenth");

	private final ClassName owner;

	private final Predicate<String> taken;

	private final Map<String, ClassName> names = new LinkedHashMap<>();

	private final List<TypeSpec> types = new ArrayList<>();

	/**
	 * @param owner the module interface the types nest in
	 * @param taken whether a simple name is used already by a type of the module
	 */
	NestedTypes(ClassName owner, Predicate<String> taken) {
		this.owner = owner;
		this.taken = taken;
	}

	/** The types declared so far, in the order they were first needed. */
	List<TypeSpec> types() {
		return List.copyOf(this.types);
	}

	/**
	 * A record whose components are the tuple's items in order; it crosses as a list
	 * ({@code @JsonFormat(shape = ARRAY)}), so Python sees a sequence and Java a record.
	 */
	ClassName tuple(List<TypeName> components, String name) {
		String key = "tuple" + components + name; // one per place: a shared shape is no shared meaning
		ClassName existing = this.names.get(key);
		if (existing != null) {
			return existing;
		}
		ClassName type = declare(key, (name.endsWith("Result") || name.endsWith("Item")) ? name : name + "Tuple");
		MethodSpec.Builder constructor = MethodSpec.constructorBuilder();
		for (int i = 0; i < components.size(); i++) {
			constructor.addParameter(components.get(i), (i < ORDINALS.size()) ? ORDINALS.get(i) : "item" + (i + 1));
		}
		this.types.add(TypeSpec.recordBuilder(type)
			.addModifiers(Modifier.PUBLIC, Modifier.STATIC)
			.addJavadoc("A Python tuple of $L items, in order.\n", components.size())
			.addAnnotation(AnnotationSpec.builder(JSON_FORMAT)
				.addMember("shape", "$T.Shape.ARRAY", JSON_FORMAT)
				.build())
			.recordConstructor(constructor.build())
			.build());
		return type;
	}

	/** An enum whose constants are the literal strings themselves: they cross by name. */
	ClassName literal(List<String> values, String name) {
		String key = "literal" + values;
		ClassName existing = this.names.get(key);
		if (existing != null) {
			return existing;
		}
		ClassName type = declare(key, name);
		TypeSpec.Builder spec = TypeSpec.enumBuilder(type)
			.addModifiers(Modifier.PUBLIC, Modifier.STATIC)
			.addJavadoc("The values of a Python {@code Literal}; each constant crosses as its name.\n");
		values.forEach(spec::addEnumConstant);
		this.types.add(spec.build());
		return type;
	}

	/** An enum with the members of a Python {@code enum.Enum} class: each crosses by name. */
	TypeSpec enumOf(ClassName type, List<String> members, CodeBlock javadoc) {
		TypeSpec.Builder spec = TypeSpec.enumBuilder(type).addModifiers(Modifier.PUBLIC, Modifier.STATIC).addJavadoc(javadoc);
		members.forEach(spec::addEnumConstant);
		return spec.build();
	}

	/**
	 * A view of a Python generator that takes values: {@code next()} is {@code __next__},
	 * {@code send(value)} is {@code send}; the end of the generator is a
	 * {@code PythonException} of type {@code StopIteration}.
	 */
	ClassName generator(TypeName yields, TypeName sends, String name) {
		String key = "generator" + yields + sends;
		ClassName existing = this.names.get(key);
		if (existing != null) {
			return existing;
		}
		ClassName type = declare(key, name + "Generator");
		this.types.add(TypeSpec.interfaceBuilder(type)
			.addModifiers(Modifier.PUBLIC, Modifier.STATIC)
			.addJavadoc("A running Python generator: {@code next()} and {@code send(value)} resume it; when it "
					+ "returns,\nthey throw a {@code PythonException} of type {@code StopIteration}.\n")
			.addSuperinterface(PYTHON_INSTANCE)
			.addMethod(MethodSpec.methodBuilder("next")
				.addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT)
				.addAnnotation(AnnotationSpec.builder(PYTHON_NAME).addMember("value", "$S", "__next__").build())
				.returns(yields)
				.build())
			.addMethod(MethodSpec.methodBuilder("send")
				.addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT)
				.addParameter(ParameterSpec.builder(sends, "value").build())
				.returns(yields)
				.build())
			.build());
		return type;
	}

	private ClassName declare(String key, String name) {
		String unique = name;
		for (int n = 2; this.taken.test(unique) || isDeclared(unique) || unique.equals(this.owner.simpleName()); n++) {
			unique = name + n;
		}
		ClassName type = this.owner.nestedClass(unique);
		this.names.put(key, type);
		return type;
	}

	private boolean isDeclared(String simpleName) {
		return this.names.values().stream().anyMatch((type) -> type.simpleName().equals(simpleName));
	}

	/** Whether a string can be a Java enum constant as it is. */
	static boolean isConstantName(String value) {
		return SourceVersion.isName(value) && !value.equals("_");
	}

}
