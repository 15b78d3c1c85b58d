package dev.esem.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What esem replaces: Python's {@code http.server} on 127.0.0.1 answering an add, called
 * with the JDK's {@link HttpClient} over a kept-alive connection.
 */
final class HttpBaseline implements AutoCloseable {

	private final Process server;

	private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final URI uri;

	HttpBaseline(String python, Path scripts) throws Exception {
		this.server = new ProcessBuilder(List.of(python, "-u", scripts.resolve("http_add.py").toString()))
			.redirectError(ProcessBuilder.Redirect.INHERIT)
			.start();
		BufferedReader out = new BufferedReader(
				new InputStreamReader(this.server.getInputStream(), StandardCharsets.US_ASCII));
		String port = out.readLine();
		if (port == null) {
			throw new IllegalStateException("The HTTP baseline server did not start");
		}
		this.uri = URI.create("http://127.0.0.1:" + port.trim() + "/add");
	}

	/** Microseconds per sequential add request. */
	double sequentialMicros(int count) throws Exception {
		long begin = System.nanoTime();
		for (int i = 0; i < count; i++) {
			HttpRequest request = HttpRequest.newBuilder(this.uri)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"a\":" + i + ",\"b\":1}"))
				.build();
			HttpResponse<String> response = this.client.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException("HTTP baseline answered " + response.statusCode());
			}
		}
		return (System.nanoTime() - begin) / 1e3 / count;
	}

	@Override
	public void close() throws Exception {
		this.server.getOutputStream().close();
		if (!this.server.waitFor(5, TimeUnit.SECONDS)) {
			this.server.destroyForcibly();
		}
	}

}
