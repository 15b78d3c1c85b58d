package dev.esem.maven;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A Python type hint as the inspection script reports it: a name and its type
 * arguments. {@code list[int]} is {@code list} with the argument {@code int}; classes
 * are named by module and qualified name ({@code decimal.Decimal}), builtins by their
 * bare name, and a hint that did not resolve is named {@code ?}. A {@code Literal} also
 * carries its values.
 */
record Hint(String name, List<Hint> args, List<Object> values) {

	Hint {
		args = (args != null) ? List.copyOf(args) : List.of();
		values = (values != null) ? List.copyOf(values) : List.of();
	}

	Hint(String name, List<Hint> args) {
		this(name, args, null);
	}

	@Override
	public String toString() {
		return this.args.isEmpty() ? this.name
				: this.name + this.args.stream().map(Hint::toString).collect(Collectors.joining(", ", "[", "]"));
	}

}
