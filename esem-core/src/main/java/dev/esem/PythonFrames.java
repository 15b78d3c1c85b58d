package dev.esem;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the frames of the exception that Python raised out of its formatted traceback
 * ({@code traceback.format_exception}), as stack trace elements, innermost first as Java
 * lists its own: {@code quote(pricing.py:12)} in the class {@code pricing}.
 * <p>
 * Only the raised exception's own frames count: the tracebacks of exceptions it was
 * chained to (printed before it) and of the members of an exception group (printed
 * inside it, behind {@code |} margins) are left out.
 */
final class PythonFrames {

	private static final Pattern FRAME = Pattern.compile("  File \"(.*)\", line (\\d+)(?:, in (.+))?");

	private static final String HEADER = "Traceback (most recent call last):";

	private static final String GROUP_HEADER = "Exception Group Traceback (most recent call last):";

	private static final List<String> CHAIN_SEPARATORS = List.of(
			"The above exception was the direct cause of the following exception:",
			"During handling of the above exception, another exception occurred:");

	/** The margin of the lines of an exception group's own traceback and message. */
	private static final int GROUP_MARGIN = 4;

	private static final StackTraceElement[] NONE = {};

	private PythonFrames() {
	}

	/** The frames of {@code traceback}, innermost first; none when it has no frames. */
	static StackTraceElement[] of(String traceback) {
		if (traceback == null || traceback.isEmpty()) {
			return NONE;
		}
		List<String> lines = topLevelLines(traceback);
		int header = lastHeader(lines);
		if (header < 0) {
			return NONE;
		}
		List<StackTraceElement> frames = new ArrayList<>();
		for (int i = header + 1; i < lines.size(); i++) {
			String line = lines.get(i);
			if (!line.isEmpty() && line.charAt(0) != ' ') {
				break; // the exception's "Type: message" line ends the frames
			}
			Matcher frame = FRAME.matcher(line);
			if (frame.matches()) {
				frames.add(0, element(frame.group(1), Integer.parseInt(frame.group(2)), frame.group(3)));
			}
		}
		return frames.toArray(NONE);
	}

	/**
	 * The lines that belong to the outermost exceptions, without the {@code "  | "}
	 * margin of a top-level exception group; the lines of group members are dropped.
	 */
	private static List<String> topLevelLines(String traceback) {
		List<String> lines = new ArrayList<>();
		for (String line : traceback.split("\r?\n", -1)) {
			int first = 0;
			while (first < line.length() && line.charAt(first) == ' ') {
				first++;
			}
			boolean margin = first < line.length() && (line.charAt(first) == '|' || line.charAt(first) == '+');
			if (!margin) {
				lines.add(line);
			}
			else if (first == 2 && !line.startsWith("  +-")) {
				lines.add((line.length() > GROUP_MARGIN) ? line.substring(GROUP_MARGIN) : "");
			}
		}
		return lines;
	}

	/**
	 * The index of the traceback header of the raised exception, or -1 when it has none
	 * (a chain separator comes after the last header).
	 */
	private static int lastHeader(List<String> lines) {
		for (int i = lines.size() - 1; i >= 0; i--) {
			String line = lines.get(i);
			if (line.equals(HEADER) || line.equals(GROUP_HEADER)) {
				return i;
			}
			if (CHAIN_SEPARATORS.contains(line)) {
				return -1;
			}
		}
		return -1;
	}

	private static StackTraceElement element(String path, int line, String function) {
		return new StackTraceElement(moduleName(path), (function != null) ? function : "<module>", lastSegment(path),
				line);
	}

	/**
	 * {@code pricing} for {@code /app/python/pricing.py}, {@code shop} for
	 * {@code /app/python/shop/__init__.py}, {@code importlib._bootstrap} for a frozen module.
	 */
	private static String moduleName(String path) {
		if (path.startsWith("<")) {
			return (path.startsWith("<frozen ") && path.endsWith(">"))
					? path.substring("<frozen ".length(), path.length() - 1) : path;
		}
		String fileName = lastSegment(path);
		String stem = fileName.endsWith(".py") ? fileName.substring(0, fileName.length() - ".py".length()) : fileName;
		String directory = path.substring(0, path.length() - fileName.length());
		if (stem.equals("__init__") && directory.length() > 1) {
			return lastSegment(directory.substring(0, directory.length() - 1));
		}
		return stem;
	}

	private static String lastSegment(String path) {
		return path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
	}

}
