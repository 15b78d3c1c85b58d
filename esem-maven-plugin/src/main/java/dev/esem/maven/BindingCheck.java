package dev.esem.maven;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.esem.maven.InterfaceBinding.BoundMethod;
import dev.esem.maven.Lookup.Member;
import dev.esem.maven.ModuleDescription.Parameter;

/**
 * Compares what interfaces ask of Python with what Python has, and lists every
 * mismatch as {@code Interface.method: reason}: a function, class, method or keyword
 * that does not exist, more positional arguments than the Python signature takes, a
 * required argument never passed. What Python cannot tell (a module or class with
 * {@code __getattr__}, a builtin without a signature) is given the benefit of the doubt.
 */
final class BindingCheck {

	private BindingCheck() {
	}

	/** What to ask the inspection script about, one request per module spec. */
	static List<Lookup.Request> requests(List<InterfaceBinding> bindings) {
		Map<String, Set<String>> functions = new LinkedHashMap<>();
		Map<String, Map<String, Set<String>>> classes = new LinkedHashMap<>();
		for (InterfaceBinding binding : bindings) {
			functions.computeIfAbsent(binding.spec(), (spec) -> new LinkedHashSet<>());
			classes.computeIfAbsent(binding.spec(), (spec) -> new LinkedHashMap<>());
			for (BoundMethod method : binding.methods()) {
				if (binding.pythonClass() == null) {
					functions.get(binding.spec()).add(method.pythonName());
				}
				else {
					classes.get(binding.spec())
						.computeIfAbsent(binding.pythonClass(), (name) -> new LinkedHashSet<>())
						.add(method.pythonName());
				}
			}
			if (binding.pythonClass() != null) {
				classes.get(binding.spec()).computeIfAbsent(binding.pythonClass(), (name) -> new LinkedHashSet<>());
			}
		}
		List<Lookup.Request> requests = new ArrayList<>();
		for (String spec : functions.keySet()) {
			Map<String, List<String>> methods = new LinkedHashMap<>();
			classes.get(spec).forEach((name, names) -> methods.put(name, List.copyOf(names)));
			requests.add(new Lookup.Request(spec, List.copyOf(functions.get(spec)), methods));
		}
		return requests;
	}

	/** The requests for the bindings, with the names that per-function options give added. */
	static List<Lookup.Request> requests(List<InterfaceBinding> bindings, List<FunctionOptions> options) {
		Map<String, Set<String>> functions = new LinkedHashMap<>();
		Map<String, Map<String, Set<String>>> classes = new LinkedHashMap<>();
		for (Lookup.Request request : requests(bindings)) {
			functions.put(request.spec(), new LinkedHashSet<>(request.functions()));
			Map<String, Set<String>> methods = new LinkedHashMap<>();
			request.classes().forEach((name, names) -> methods.put(name, new LinkedHashSet<>(names)));
			classes.put(request.spec(), methods);
		}
		for (FunctionOptions option : options) {
			functions.computeIfAbsent(option.module(), (spec) -> new LinkedHashSet<>());
			Map<String, Set<String>> methods = classes.computeIfAbsent(option.module(), (spec) -> new LinkedHashMap<>());
			if (option.pythonClass() == null) {
				functions.get(option.module()).add(option.member());
			}
			else {
				methods.computeIfAbsent(option.pythonClass(), (name) -> new LinkedHashSet<>()).add(option.member());
			}
		}
		List<Lookup.Request> requests = new ArrayList<>();
		for (String spec : functions.keySet()) {
			Map<String, List<String>> methods = new LinkedHashMap<>();
			classes.get(spec).forEach((name, names) -> methods.put(name, List.copyOf(names)));
			requests.add(new Lookup.Request(spec, List.copyOf(functions.get(spec)), methods));
		}
		return requests;
	}

	/**
	 * Why a per-function option names nothing callable, or {@code null} when it names a
	 * function or method of its module.
	 */
	static String optionMismatch(FunctionOptions option, Lookup module) {
		String prefix = "<function> " + option.module() + " " + option.name() + " names nothing: ";
		Map<String, Member> members = module.functions();
		String owner = "module " + option.module();
		if (option.pythonClass() != null) {
			Lookup.Type type = module.classes().get(option.pythonClass());
			if (type == null || !type.found() || !type.isClass()) {
				return prefix + "no class '" + option.pythonClass() + "' in " + option.module()
						+ suggestion((type != null) ? type.suggestion() : null, option.pythonClass());
			}
			members = type.methods();
			owner = "class " + option.pythonClass() + " of " + option.module();
		}
		Member member = members.get(option.member());
		if (member == null || !member.found()) {
			String kind = (option.pythonClass() != null) ? "method" : "function";
			return prefix + "no " + kind + " '" + option.member() + "' in " + owner
					+ suggestion((member != null) ? member.suggestion() : null, option.member());
		}
		return member.callable() ? null : prefix + "'" + option.member() + "' in " + owner + " is not callable";
	}

	/** Every mismatch of the interface with its module, as {@code Interface.method: reason}. */
	static List<String> mismatches(InterfaceBinding binding, Lookup module) {
		List<String> mismatches = new ArrayList<>();
		binding.problems().forEach((problem) -> mismatches.add(binding.name() + ": " + problem));
		Map<String, Member> members = module.functions();
		boolean dynamic = module.dynamic();
		String owner = "module " + binding.spec();
		if (binding.pythonClass() != null) {
			Lookup.Type type = module.classes().get(binding.pythonClass());
			if (type == null || !type.found()) {
				mismatches.add(binding.name() + ": no class '" + binding.pythonClass() + "' in " + binding.spec()
						+ suggestion((type != null) ? type.suggestion() : null, binding.pythonClass()));
				return mismatches;
			}
			if (!type.isClass()) {
				mismatches.add(binding.name() + ": '" + binding.pythonClass() + "' in " + binding.spec()
						+ " is not a class");
				return mismatches;
			}
			members = type.methods();
			dynamic = type.dynamic();
			owner = "class " + binding.pythonClass() + " of " + binding.spec();
		}
		for (BoundMethod method : binding.methods()) {
			String prefix = binding.name() + "." + method.javaName() + ": ";
			method.problems().forEach((problem) -> mismatches.add(prefix + problem));
			Member member = members.get(method.pythonName());
			if (member == null || !member.found()) {
				if (!dynamic) {
					String kind = method.attribute() ? "attribute" : (binding.pythonClass() != null) ? "method" : "function";
					mismatches.add(prefix + "no " + kind + " '" + method.pythonName() + "' in " + owner
							+ suggestion((member != null) ? member.suggestion() : null, method.pythonName()));
				}
				continue;
			}
			if (method.attribute()) {
				continue; // a constant or property: it exists, that is all an attribute read needs
			}
			if (!member.callable()) {
				mismatches.add(prefix + "'" + method.pythonName() + "' in " + owner + " is not callable");
				continue;
			}
			if (member.parameters() != null) {
				String python = "Python's " + method.pythonName() + member.signature();
				arguments(method, member.parameters(), python).forEach((reason) -> mismatches.add(prefix + reason));
			}
		}
		return mismatches;
	}

	/** How the method's arguments fail the Python parameters, the way Python would raise TypeError. */
	private static List<String> arguments(BoundMethod method, List<Parameter> parameters, String python) {
		List<String> reasons = new ArrayList<>();
		List<Parameter> positional = parameters.stream().filter(Parameter::positional).toList();
		boolean varPositional = parameters.stream().anyMatch((p) -> p.kind().equals("VAR_POSITIONAL"));
		boolean varKeyword = parameters.stream().anyMatch((p) -> p.kind().equals("VAR_KEYWORD"));
		if (!varPositional && method.varargs()) {
			reasons.add("passes varargs, but " + python + " takes no *args");
		}
		if (!varPositional && method.positional() > positional.size()) {
			reasons.add("passes " + method.positional() + " positional argument" + plural(method.positional()) + ", "
					+ python + " takes " + ((positional.isEmpty()) ? "none" : "at most " + positional.size()));
		}
		Set<String> seen = new HashSet<>();
		for (String keyword : method.keywords()) {
			Parameter parameter = parameters.stream().filter((p) -> p.name().equals(keyword)).findFirst().orElse(null);
			if (!seen.add(keyword)) {
				reasons.add("passes keyword '" + keyword + "' twice");
			}
			else if (parameter == null || (!parameter.positional() && !parameter.keywordOnly())) {
				if (!varKeyword) {
					reasons.add("no keyword '" + keyword + "' in " + python + spelling(keyword, parameters));
				}
			}
			else if (parameter.kind().equals("POSITIONAL_ONLY")) {
				reasons.add("'" + keyword + "' is positional-only in " + python + ": it cannot be passed by keyword");
			}
			else if (parameter.positional() && positional.indexOf(parameter) < method.positional()) {
				reasons.add("keyword '" + keyword + "' is also passed by position to " + python);
			}
		}
		if (!method.kwargs()) {
			for (Parameter parameter : parameters) {
				boolean passed = (parameter.positional() && positional.indexOf(parameter) < method.positional())
						|| method.keywords().contains(parameter.name());
				if (!parameter.hasDefault() && (parameter.positional() || parameter.keywordOnly()) && !passed) {
					reasons.add("does not pass '" + parameter.name() + "', which " + python + " requires");
				}
			}
		}
		return reasons;
	}

	private static String suggestion(String suggestion, String asked) {
		if (suggestion == null) {
			return "";
		}
		return folded(suggestion).equals(folded(asked))
				? " (Python calls it '" + suggestion + "': add @PythonName(\"" + suggestion + "\"))"
				: " (did you mean '" + suggestion + "'?)";
	}

	private static String spelling(String keyword, List<Parameter> parameters) {
		return parameters.stream()
			.filter((p) -> folded(p.name()).equals(folded(keyword)))
			.findFirst()
			.map((p) -> " (Python calls it '" + p.name() + "')")
			.orElse("");
	}

	private static String folded(String name) {
		return name.replace("_", "").toLowerCase(Locale.ROOT);
	}

	private static String plural(int count) {
		return (count == 1) ? "" : "s";
	}

}
