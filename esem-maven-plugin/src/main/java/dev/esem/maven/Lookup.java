package dev.esem.maven;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.esem.maven.ModuleDescription.Parameter;

/**
 * The inspection script's answer about the names that Java interfaces bind in one module.
 *
 * @param spec the module spec
 * @param error the traceback when the module failed to import, else {@code null}
 * @param dynamic whether the module answers any attribute (a module-level {@code __getattr__})
 * @param functions the answer for each function name asked about
 * @param classes the answer for each class name asked about
 */
record Lookup(String spec, String error, boolean dynamic, Map<String, Member> functions, Map<String, Type> classes) {

	Lookup {
		functions = (functions != null) ? functions : Map.of();
		classes = (classes != null) ? classes : Map.of();
	}

	/** What to ask about one module: functions, and methods by class. */
	record Request(String spec, List<String> functions, Map<String, List<String>> classes) {
	}

	/**
	 * A function or method.
	 *
	 * @param found whether the name exists
	 * @param callable whether it can be called (a property or a constant cannot)
	 * @param signature the Python signature for messages, such as {@code (sku, quantity=1, *, tier='regular')}
	 * @param parameters the parameters, or {@code null} when Python cannot tell them (some builtins)
	 * @param suggestion a name that exists and looks like the one asked about, or {@code null}
	 */
	record Member(boolean found, boolean callable, String signature, List<Parameter> parameters, String suggestion) {
	}

	/**
	 * A class.
	 *
	 * @param found whether the name exists
	 * @param isClass whether it is a class
	 * @param dynamic whether its instances answer attributes the class does not list ({@code __getattr__})
	 * @param methods the answer for each method name asked about
	 * @param suggestion a class name that exists and looks like the one asked about, or {@code null}
	 */
	record Type(boolean found, @JsonProperty("class") boolean isClass, boolean dynamic, Map<String, Member> methods,
			String suggestion) {

		Type {
			methods = (methods != null) ? methods : Map.of();
		}

	}

}
