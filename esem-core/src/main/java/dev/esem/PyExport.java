package dev.esem;

import java.util.List;

/**
 * One public name of a Python module.
 *
 * @param name the attribute name
 * @param kind {@code function}, {@code class}, {@code module} or {@code value}
 * @param signature the Python signature when known, for example {@code (a, b=1)}
 * @param doc the first line of the docstring, or {@code null}
 * @param methods the public methods, for classes; empty otherwise
 */
public record PyExport(String name, String kind, String signature, String doc, List<String> methods) {
}
