package dev.esem.internal.registry;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.esem.monitor.LeakReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class LeakTrackerTest {

	private static final int LEAKS = 2_000;

	private static final Pattern SUMMARY = Pattern.compile("^([\\d,]+) more Python objects of class tracked\\.Cart");

	private final Logger logger = (Logger) LoggerFactory.getLogger(LeakTracker.class);

	private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

	private final AtomicInteger releasedInPython = new AtomicInteger();

	private final List<LeakReport> heard = new CopyOnWriteArrayList<>();

	@BeforeEach
	void captureLog() {
		this.lines.start();
		this.logger.addAppender(this.lines);
	}

	@AfterEach
	void releaseLog() {
		this.logger.detachAppender(this.lines);
	}

	@Test
	void everyLeakIsCountedButTheLogGetsTheFirstInFullAndTheOthersInSummaries() {
		LeakTracker tracker = new LeakTracker(false, Duration.ofMillis(200), this.heard::add);
		leak(tracker, LEAKS);
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			System.gc();
			return tracker.count() == LEAKS;
		});
		assertThat(this.releasedInPython).hasValue(LEAKS);
		assertThat(this.heard).hasSize(LEAKS);
		await().atMost(Duration.ofSeconds(10)).until(() -> 1 + summarised() == LEAKS);
		List<String> messages = messages();
		assertThat(messages.get(0)).startsWith("Python object py_obj_")
			.contains("(tracked.Cart) was garbage-collected without release(); esem released it.")
			.contains("Later leaks of this class are counted and logged together, at most every 200ms.")
			.contains("Set esem.leak-detection.track-creation-site=true");
		assertThat(messages.subList(1, messages.size())).isNotEmpty()
			.allSatisfy(line -> assertThat(line).matches(SUMMARY.pattern() + " were garbage-collected without "
					+ "release\\(\\) since \\S+Z; esem released them\\. Set esem\\.leak-detection\\."
					+ "track-creation-site=true .* to log where they were created\\."));
		assertThat(messages).hasSizeLessThan(50);
	}

	@Test
	void withCreationSitesLeaksAreToldApartByWhereTheyWereCreated() {
		LeakTracker tracker = new LeakTracker(true, Duration.ofMillis(200), this.heard::add);
		for (int i = 0; i < 10; i++) {
			tracker.track(new Object(), state(i, createdAt("checkout", 42)));
		}
		tracker.track(new Object(), state(10, createdAt("refund", 7)));
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			System.gc();
			return tracker.count() == 11;
		});
		await().atMost(Duration.ofSeconds(10)).until(() -> summarised() == 9);
		List<String> inFull = messages().stream().filter(line -> line.startsWith("Python object")).toList();
		assertThat(inFull).hasSize(2)
			.allSatisfy(line -> assertThat(line).contains("Later leaks of objects created at the same place")
				.contains("It was created at:\njava.lang.Throwable: Python object created here\n"))
			.anySatisfy(line -> assertThat(line).contains("at com.example.Shop.refund(Shop.java:7)"));
		assertThat(messages()).filteredOn(line -> line.contains(" more "))
			.isNotEmpty()
			.allSatisfy(line -> assertThat(line).contains(" created at com.example.Shop.checkout(Shop.java:42) ")
				.doesNotContain("track-creation-site"));
	}

	private void leak(LeakTracker tracker, int count) {
		for (int i = 0; i < count; i++) {
			tracker.track(new Object(), state(i, null));
		}
	}

	/** A creation site as the bridge records it: esem's own frames first, then the caller's. */
	private static Throwable createdAt(String method, int line) {
		Throwable site = new Throwable("Python object created here");
		site.setStackTrace(new StackTraceElement[] {
				new StackTraceElement("dev.esem.internal.BridgeRuntime", "dispatch", "BridgeRuntime.java", 230),
				new StackTraceElement("jdk.proxy2.$Proxy12", "create", null, -1),
				new StackTraceElement("com.example.Shop", method, "Shop.java", line),
				new StackTraceElement("com.example.Main", "main", "Main.java", 3) });
		return site;
	}

	private ObjectState state(int n, Throwable site) {
		return new ObjectState("py_obj_" + n + "_test", "Cart", "tracked", site, this.releasedInPython::incrementAndGet);
	}

	private long summarised() {
		long total = 0;
		for (String message : messages()) {
			Matcher summary = SUMMARY.matcher(message);
			if (summary.find()) {
				total += Long.parseLong(summary.group(1).replace(",", ""));
			}
		}
		return total;
	}

	/**
	 * This test's lines: the logger is shared with the bridges of other tests in the JVM,
	 * whose classes are never {@code tracked.Cart}.
	 */
	private List<String> messages() {
		return this.lines.list.stream()
			.map(ILoggingEvent::getFormattedMessage)
			.filter(line -> line.contains("tracked.Cart"))
			.toList();
	}

}
