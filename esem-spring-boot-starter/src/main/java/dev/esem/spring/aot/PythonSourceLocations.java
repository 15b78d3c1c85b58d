package dev.esem.spring.aot;

import org.springframework.util.ResourceUtils;

/** Turns an {@code esem.python-path} location into the resource pattern a native image must hold. */
final class PythonSourceLocations {

	private PythonSourceLocations() {
	}

	/**
	 * {@code python/**} for {@code classpath:python/}, {@code models/**} for
	 * {@code classpath:/models}; {@code null} for a location outside the classpath
	 * ({@code file:}, a plain path), which stays outside the image too.
	 */
	static String resourcePattern(String location) {
		String trimmed = location.trim();
		if (!trimmed.startsWith(ResourceUtils.CLASSPATH_URL_PREFIX)) {
			return null;
		}
		String path = trimmed.substring(ResourceUtils.CLASSPATH_URL_PREFIX.length());
		while (path.startsWith("/")) {
			path = path.substring(1);
		}
		if (path.isEmpty()) {
			return "**";
		}
		return path.endsWith("/") ? path + "**" : path + "/**";
	}

}
