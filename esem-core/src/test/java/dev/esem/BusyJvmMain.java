package dev.esem;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/**
 * Run in a child JVM by {@link HostilePythonTest}: two workers with {@code sleep}
 * children and a daemonised {@code sleep}, one of them busy in a long C call; prints
 * every pid, then waits to be killed.
 */
public final class BusyJvmMain {

	private BusyJvmMain() {
	}

	public static void main(String[] args) throws Exception {
		PythonBridge python = PythonBridge.builder().python(args[0]).pythonPath(Path.of(args[1])).workers(2).build();
		PyModule hostile = python.module("hostile");
		Number sleeper = (Number) hostile.call("start_sleeper");
		Number daemon = (Number) hostile.call("start_daemon");
		Path marker = Path.of(args[2]);
		hostile.callAsync("busy_in_c", marker.toString());
		await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(marker));
		String workers = python.workers().stream().map(w -> Long.toString(w.pid())).collect(Collectors.joining(","));
		System.out.println("workers=" + workers);
		System.out.println("sleepers=" + sleeper + "," + Files.readString(marker).trim());
		System.out.println("daemon=" + daemon);
		System.out.flush();
		new java.util.concurrent.CountDownLatch(1).await();
	}

}
