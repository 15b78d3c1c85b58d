package dev.esem.maven;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Python docstring as Javadoc text: HTML characters escaped, {@code *}{@code /}
 * defused, paragraphs separated by {@code <p>}, and {@code `code`} or
 * {@code ``code``} spans as {@code {@code ...}}.
 */
final class JavadocText {

	/** A backtick span, single or double, on one line and free of braces (which would end the tag). */
	private static final Pattern CODE = Pattern.compile("``([^`{}\\n]+)``|`([^`{}\\n]+)`");

	private JavadocText() {
	}

	/** The Javadoc for a docstring; empty for {@code null}. */
	static String of(String docstring) {
		if (docstring == null || docstring.isBlank()) {
			return "";
		}
		List<String> paragraphs = new ArrayList<>();
		for (String paragraph : docstring.strip().split("\\n\\s*\\n")) {
			paragraphs.add(inline(paragraph.strip()));
		}
		return String.join("\n\n<p>", paragraphs) + "\n";
	}

	private static String inline(String text) {
		StringBuilder out = new StringBuilder();
		Matcher code = CODE.matcher(text);
		int from = 0;
		while (code.find()) {
			String span = (code.group(1) != null) ? code.group(1) : code.group(2);
			if (span.contains("*/")) {
				continue; // cannot be escaped inside {@code}: left as text
			}
			out.append(escaped(text.substring(from, code.start()))).append("{@code ").append(span).append('}');
			from = code.end();
		}
		return out.append(escaped(text.substring(from))).toString();
	}

	private static String escaped(String text) {
		return text.replace("&", "&amp;")
			.replace("<", "&lt;")
			.replace(">", "&gt;")
			.replace("*/", "*&#47;")
			.replace("@", "&#64;");
	}

}
