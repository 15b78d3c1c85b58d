package dev.esem;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import dev.esem.monitor.CallStats;
import dev.esem.monitor.WorkerState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Constructs sent without waiting for the worker ({@code constructPipelined}, {@code createPipelined}). */
class PipelinedConstructTest {

	private static final Duration SOON = Duration.ofSeconds(20);

	/** The form of the ids that the Java side names; the worker's own have no {@code j}. */
	private static final String JAVA_NAMED = "py_obj_j";

	static PythonBridge python;

	static PyModule accounts;

	interface Account extends PythonInstance {

		int deposit(int amount);

	}

	@BeforeAll
	static void start() {
		python = TestBridges.builder().build();
		accounts = python.module("pipelined.py");
		accounts.construct("Account", "regular").release(); // the class's methods are known from now on
	}

	@AfterAll
	static void stop() {
		python.close();
	}

	@Test
	void aPipelinedObjectIsNamedInJavaAndBehavesLikeAWaitingOne() {
		int before = registrySize(python);
		try (PyObject waited = accounts.construct("Account", "gold", 5);
				PyObject account = accounts.constructPipelined("Account", "gold", 5)) {
			assertThat(waited.refId()).doesNotStartWith(JAVA_NAMED);
			assertThat(account.refId()).startsWith(JAVA_NAMED);
			assertThat(account.pythonClass()).isEqualTo(waited.pythonClass());
			assertThat(account.methods()).isEqualTo(waited.methods()).contains("deposit", "me");
			assertThat(account.call("deposit", 10)).isEqualTo(15);
			assertThat(account.get("tier")).isEqualTo("gold");
			assertThat(accounts.call("balance_of", account)).isEqualTo(15);
			assertThat(account.call("me")).isSameAs(account);
			assertThat(account.callAsync("deposit", 1).join()).isEqualTo(16);
			assertThat(python.liveObjects()).isEqualTo(2);
			assertThat(registrySize(python)).isEqualTo(before + 2);
		}
		assertThat(python.liveObjects()).isZero();
		assertThat(registrySize(python)).isEqualTo(before);
		assertThat(python.leakCount()).isZero();
	}

	@Test
	void aCallWithBinarySegmentsCarriesTheConstructOfItsObject() {
		// bytes beside the frame: on the pipe, and in the shared-memory file
		for (int size : new int[] { 100, 2_000_000 }) {
			try (PyObject account = accounts.constructPipelined("Account", "gold", 5)) {
				assertThat(account.call("deposit_bytes", new byte[size])).isEqualTo(5 + size);
			}
		}
		assertThat(python.liveObjects()).isZero();
	}

	@Test
	void eachPipelinedObjectGetsItsOwnId() {
		List<PyObject> made = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			made.add(accounts.constructPipelined("Account", "regular", i));
		}
		assertThat(made).extracting(PyObject::refId).doesNotHaveDuplicates().allMatch(id -> id.startsWith(JAVA_NAMED));
		for (int i = 0; i < made.size(); i++) {
			assertThat(made.get(i).call("deposit", 0)).isEqualTo(i);
			made.get(i).release();
		}
	}

	@Test
	void aFailingConstructorFailsEveryUseWithItsOwnExceptionUntilReleased() {
		int before = registrySize(python);
		PyObject account = accounts.constructPipelined("Account", "platinum"); // throws nothing: it does not wait
		List<Throwable> failures = new ArrayList<>();
		failures.add(catchThrowable(() -> account.call("deposit", 1)));
		failures.add(catchThrowable(() -> account.get("tier")));
		failures.add(catchThrowable(() -> accounts.call("balance_of", account)));
		failures.add(catchThrowable(() -> account.callAsync("deposit", 1).join()).getCause());
		assertThat(failures).allSatisfy(failure -> {
			assertThat(failure).isInstanceOf(PythonException.class).hasMessage("unknown tier: platinum");
			PythonException python = (PythonException) failure;
			assertThat(python.pythonType()).isEqualTo("ValueError");
			assertThat(python.pythonTraceback()).contains("pipelined.py", "raise ValueError")
				.doesNotContain("registry.py");
		});
		assertThat(registrySize(python)).isEqualTo(before + 1); // the failure is kept for the object's uses
		account.close(); // quiet
		assertThatThrownBy(() -> account.call("deposit", 1)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("was released");
		assertThat(registrySize(python)).isEqualTo(before);
		assertThat(python.liveObjects()).isZero();
		try (PyObject next = accounts.constructPipelined("Account", "regular", 3)) {
			assertThat(next.call("deposit", 1)).isEqualTo(4); // the worker goes on
		}
	}

	@Test
	void constructStillWaitsAndThrowsAFailingConstructorsException() {
		assertThatThrownBy(() -> accounts.construct("Account", "platinum")).isInstanceOf(PythonException.class)
			.hasMessage("unknown tier: platinum");
		assertThat(accounts.constructAsync("Account", "platinum")).failsWithin(SOON)
			.withThrowableOfType(Exception.class)
			.withCauseInstanceOf(PythonException.class);
		PythonFactory<Account> factory = accounts.factory("Account", Account.class);
		assertThatThrownBy(() -> factory.create("platinum")).isInstanceOf(PythonException.class)
			.hasMessage("unknown tier: platinum");
	}

	@Test
	void aClassNotConstructedBeforeThroughTheModuleWaits() {
		try (PythonBridge own = TestBridges.builder().build()) {
			PyModule module = own.module("pipelined.py");
			assertThatThrownBy(() -> module.constructPipelined("Account", "platinum"))
				.isInstanceOf(PythonException.class)
				.hasMessage("unknown tier: platinum");
			try (PyObject first = module.constructPipelined("Account", "regular");
					PyObject second = module.constructPipelined("Account", "regular")) {
				assertThat(first.refId()).doesNotStartWith(JAVA_NAMED);
				assertThat(second.refId()).startsWith(JAVA_NAMED);
			}
			// a view with its own timeout shares what its module learned
			try (PyObject viewed = module.withTimeout(Duration.ofSeconds(30)).constructPipelined("Account", "gold")) {
				assertThat(viewed.refId()).startsWith(JAVA_NAMED);
			}
		}
	}

	@Test
	void argumentsThatArePythonObjectsOrJavaFunctionsMakeItWait() {
		accounts.construct("Holder", 1).release();
		try (PyObject account = accounts.construct("Account", "regular", 7);
				PyObject holdsObject = accounts.constructPipelined("Holder", account);
				PyObject holdsFunction = accounts.constructPipelined("Holder",
						(Function<Object, Object>) value -> ((Integer) value) * 2);
				PyObject holdsValue = accounts.constructPipelined("Holder", 3)) {
			assertThat(holdsObject.refId()).doesNotStartWith(JAVA_NAMED);
			assertThat(holdsFunction.refId()).doesNotStartWith(JAVA_NAMED);
			assertThat(holdsValue.refId()).startsWith(JAVA_NAMED);
			assertThat(holdsFunction.call("call_held", 21)).isEqualTo(42);
			assertThat(accounts.call("balance_of", holdsObject.get("held"))).isEqualTo(7);
		}
	}

	@Test
	void typedFactoriesCreatePipelined() {
		PythonFactory<Account> factory = accounts.factory("Account", Account.class);
		try (Account account = factory.createPipelined("gold", 2)) {
			assertThat(account.deposit(3)).isEqualTo(5);
			assertThat(account.refId()).startsWith(JAVA_NAMED);
		}
		Account failed = factory.createPipelined("platinum");
		assertThatThrownBy(() -> failed.deposit(1)).isInstanceOf(PythonException.class)
			.hasMessage("unknown tier: platinum");
		failed.close();
	}

	@Test
	void releasesRightBehindTheirConstructsNeverLeaveObjectsBehind() throws Exception {
		int before = registrySize(python);
		ExecutorService callers = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int t = 0; t < 4; t++) {
				done.add(callers.submit(() -> {
					List<CompletableFuture<Object>> calls = new ArrayList<>();
					for (int i = 0; i < 300; i++) {
						calls.add(accounts.callAsync("echo", i)); // keeps the writer's queue busy
						accounts.constructPipelined("Account", "regular", i).close();
						if (i % 3 == 0) {
							accounts.constructPipelined("Account", "platinum").close();
						}
					}
					calls.forEach(CompletableFuture::join);
					return null;
				}));
			}
			for (Future<?> each : done) {
				each.get();
			}
		}
		finally {
			callers.shutdownNow();
		}
		assertThat(registrySize(python)).isEqualTo(before);
		assertThat(python.liveObjects()).isZero();
		assertThat(python.leakCount()).isZero();
	}

	@Test
	void unreleasedPipelinedObjectsAreLeaksAndAreReleasedInPython() {
		try (PythonBridge own = TestBridges.builder().build()) {
			PyModule module = own.module("pipelined.py");
			module.construct("Account", "regular").release();
			createAndDrop(module, 10);
			await().atMost(SOON).until(() -> {
				System.gc();
				return own.leakCount() >= 10;
			});
			assertThat(own.leaks()).hasSize(10)
				.allSatisfy(leak -> assertThat(leak.pythonClass()).isEqualTo("Account"));
			await().atMost(SOON).until(() -> registrySize(own) == 0);
			assertThat(own.liveObjects()).isZero();
		}
	}

	private static void createAndDrop(PyModule module, int count) {
		for (int i = 0; i < count; i++) {
			module.constructPipelined("Account", (i % 2 == 0) ? "regular" : "platinum", i);
		}
	}

	@Test
	void objectsOfACrashedWorkerAreStaleAndNewIdsNeverCollide() {
		try (PythonBridge own = TestBridges.builder().restartBackoff(Duration.ofMillis(20)).build()) {
			PyModule module = own.module("pipelined.py");
			PyModule tools = own.module("tools.py");
			module.construct("Account", "regular").release();
			PyObject old = module.constructPipelined("Account", "regular", 1);
			assertThat(old.call("deposit", 1)).isEqualTo(2);
			assertThatThrownBy(() -> tools.call("crash", 1)).isInstanceOf(PythonWorkerException.class);
			await().atMost(SOON).until(() -> own.workers().get(0).state() == WorkerState.READY);
			assertThatThrownBy(() -> old.call("deposit", 1)).isInstanceOf(PythonWorkerException.class)
				.hasMessageContaining(old.refId())
				.hasMessageContaining("has ended");
			try (PyObject fresh = module.constructPipelined("Account", "regular", 1)) {
				assertThat(fresh.refId()).startsWith(JAVA_NAMED).isNotEqualTo(old.refId());
				assertThat(token(fresh.refId())).isNotEqualTo(token(old.refId()));
				assertThat(fresh.call("deposit", 1)).isEqualTo(2);
			}
			old.release(); // stale: does nothing
			assertThat(own.liveObjects()).isZero();
		}
	}

	@Test
	void recyclingNeverDestroysAPipelinedObject() {
		try (PythonBridge own = TestBridges.builder().recycleAfterCalls(3).build()) {
			PyModule module = own.module("pipelined.py");
			long first = own.workers().get(0).pid();
			module.construct("Account", "regular").release();
			module.call("echo", 1);
			module.call("echo", 2);
			// the first starts the recycling; the others come while the successor starts
			List<PyObject> made = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				made.add(module.constructPipelined("Account", "regular", i));
			}
			await().pollDelay(Duration.ofMillis(500)).atMost(SOON)
				.until(() -> own.workers().get(0).state() == WorkerState.READY);
			for (int i = 0; i < made.size(); i++) {
				assertThat(made.get(i).call("deposit", 0)).isEqualTo(i);
				made.get(i).release();
			}
			await().atMost(SOON).until(() -> {
				module.call("echo", 1);
				return own.workers().get(0).pid() != first;
			});
			assertThat(own.callStats()).extracting(CallStats::failures).containsOnly(0L);
		}
	}

	@Test
	void aConstructorThatOutlivesTheFirstCallsTimeoutAndGraceCountsAsStuck() {
		try (PythonBridge own = TestBridges.builder().callTimeout(Duration.ofMillis(500))
			.timeoutGrace(Duration.ofMillis(300))
			.restartBackoff(Duration.ofMillis(20))
			.build()) {
			PyModule module = own.module("pipelined.py");
			module.construct("Sleepy", 0).release();
			long first = own.workers().get(0).pid();
			PyObject sleepy = module.constructPipelined("Sleepy", 30);
			assertThatThrownBy(() -> sleepy.call("awake")).isInstanceOf(PythonTimeoutException.class);
			// nothing interrupts the constructor: past the grace the worker is replaced
			await().atMost(SOON).until(() -> own.workers().get(0).pid() != first
					&& own.workers().get(0).state() == WorkerState.READY);
			assertThatThrownBy(() -> sleepy.call("awake")).isInstanceOf(PythonWorkerException.class)
				.hasMessageContaining(sleepy.refId());
			sleepy.release();
			try (PyObject quick = module.constructPipelined("Sleepy", 0)) {
				assertThat(quick.call("awake")).isEqualTo(true);
			}
		}
	}

	@Test
	void pipelinedConstructsAreCountedAsCallsOfTheirClass() {
		try (PythonBridge own = TestBridges.builder().build()) {
			PyModule module = own.module("pipelined.py");
			module.construct("Account", "regular").release();
			module.constructPipelined("Account", "gold").release();
			module.constructPipelined("Account", "platinum").release();
			assertThat(own.callStats()).filteredOn(stats -> stats.target().equals("Account"))
				.singleElement()
				.satisfies(stats -> assertThat(stats.count()).isEqualTo(3));
		}
	}

	private static String token(String refId) {
		return refId.substring(refId.lastIndexOf('_') + 1);
	}

	private static Throwable catchThrowable(Runnable use) {
		try {
			use.run();
		}
		catch (Throwable failure) {
			return failure;
		}
		throw new AssertionError("the use did not fail");
	}

	private static int registrySize(PythonBridge bridge) {
		return bridge.ping(Duration.ofSeconds(5), new HashMap<>()).get(0).registrySize();
	}

}
