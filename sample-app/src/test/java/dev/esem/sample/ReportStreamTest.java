package dev.esem.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.esem.PythonBridge;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The report endpoint streams a Python generator as Server-Sent Events, over real HTTP. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ReportStreamTest {

	@LocalServerPort
	int port;

	@Autowired
	PythonBridge python;

	private final HttpClient client = HttpClient.newHttpClient();

	private Stream<String> events(String query) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/report?" + query))
			.header("Accept", "text/event-stream")
			.build();
		return this.client.send(request, HttpResponse.BodyHandlers.ofLines()).body();
	}

	@Test
	void rowsArriveAsPythonYieldsThemBeforeTheGeneratorEnds() throws Exception {
		// Twenty rows 0.3 s apart. The bridge releases the stream (open streams: 0) when
		// Python reports that the generator has ended, which it does only after its last
		// yield; a row that reaches the client while the stream is still open was sent
		// before the generator ended, whatever the machine's load did to the timing.
		List<String> rows = new ArrayList<>();
		List<Integer> openStreamsAtArrival = new ArrayList<>();
		try (Stream<String> lines = events("sku=tea&days=20&delay=0.3")) {
			Iterator<String> it = lines.iterator();
			while (rows.size() < 3 && it.hasNext()) {
				String line = it.next();
				if (line.startsWith("data:")) {
					openStreamsAtArrival.add(openStreams());
					rows.add(line.substring(5));
				}
			}
		} // the client goes away: the controller closes the stream, which closes the generator
		assertThat(rows).hasSize(3);
		assertThat(rows.get(0)).contains("\"day\":1").contains("\"sku\":\"tea\"");
		assertThat(rows.get(1)).contains("\"day\":2");
		assertThat(rows.get(2)).contains("\"day\":3");
		assertThat(openStreamsAtArrival).as("open streams as each row arrived").containsExactly(1, 1, 1);
		await().atMost(Duration.ofSeconds(10)).until(() -> openStreams() == 0);
	}

	private int openStreams() {
		return this.python.workers().stream().mapToInt(w -> w.openStreams()).sum();
	}

	@Test
	void aWorkerDyingMidStreamEndsTheResponseWithAnErrorEvent() throws Exception {
		ListAppender<ILoggingEvent> logged = new ListAppender<>();
		logged.start();
		Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		root.addAppender(logged);
		List<String> lines = new ArrayList<>();
		try (Stream<String> response = events("sku=tea&days=5&delay=0.3")) {
			Iterator<String> it = response.iterator();
			while (it.hasNext()) {
				String line = it.next();
				lines.add(line);
				if (lines.stream().filter(l -> l.startsWith("data:")).count() == 2 && line.startsWith("data:")) {
					ProcessHandle.of(this.python.workers().get(0).pid()).orElseThrow().destroyForcibly();
				}
			}
		}
		finally {
			root.detachAppender(logged);
		}
		// the response ended: two rows, then the error event, and no converter failure in the log
		assertThat(lines).filteredOn(line -> line.startsWith("data:")).hasSize(3);
		assertThat(lines).contains("event:error");
		assertThat(lines.get(lines.lastIndexOf("event:error") + 1)).contains("\"error\":\"unavailable\"");
		assertThat(logged.list).noneSatisfy(event -> assertThat(event.getFormattedMessage()).contains("No converter"));
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.python.workers().get(0).state() == dev.esem.monitor.WorkerState.READY);
	}

}
