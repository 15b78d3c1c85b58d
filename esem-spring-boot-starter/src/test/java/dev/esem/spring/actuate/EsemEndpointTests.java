package dev.esem.spring.actuate;

import java.time.Duration;
import java.util.List;

import dev.esem.PyModule;
import dev.esem.PyObject;
import dev.esem.PythonBridge;
import dev.esem.PythonException;
import dev.esem.spring.TestPython;
import dev.esem.spring.actuate.EsemEndpoint.CallsDescriptor;
import dev.esem.spring.actuate.EsemEndpoint.EsemDescriptor;
import dev.esem.spring.actuate.EsemEndpoint.LeaksDescriptor;
import dev.esem.spring.actuate.EsemEndpoint.RegistryDescriptor;
import dev.esem.spring.actuate.EsemEndpoint.WorkerDescriptor;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EsemEndpointTests {

	@Test
	void esemShouldDescribeWorkersRegistryLeaksAndCalls() throws Exception {
		try (PythonBridge bridge = PythonBridge.builder()
			.python(TestPython.executable())
			.pythonPath(new ClassPathResource("python").getFile().toPath())
			.build()) {
			PyModule pricing = bridge.module("pricing.py");
			pricing.call("quote", 10);
			pricing.call("quote", 20);
			assertThatExceptionOfType(PythonException.class).isThrownBy(() -> pricing.call("fail", "no"));
			PyObject calculator = bridge.module("calculator.py").construct("Calculator", 1);
			EsemEndpoint endpoint = new EsemEndpoint(bridge);
			EsemDescriptor esem = endpoint.esem();
			assertThat(esem.workers()).singleElement().satisfies((worker) -> {
				assertThat(worker.id()).isEqualTo(1);
				assertThat(worker.pid()).isPositive();
				assertThat(worker.state()).isEqualTo("READY");
				assertThat(Duration.parse(worker.uptime())).isPositive();
				assertThat(worker.registrySize()).isEqualTo(1);
				assertThat(worker.problem()).isNull();
			});
			assertThat(esem.registry().size()).isEqualTo(1);
			assertThat(esem.leaks().count()).isZero();
			assertThat(esem.leaks().instances()).isEmpty();
			assertThat(esem.calls()).filteredOn((calls) -> calls.target().equals("quote"))
				.singleElement()
				.satisfies((calls) -> {
					assertThat(calls.module()).isEqualTo("pricing");
					assertThat(calls.count()).isEqualTo(2);
					assertThat(calls.failures()).isZero();
					assertThat(calls.maxMillis()).isGreaterThanOrEqualTo(calls.meanMillis()).isPositive();
				});
			assertThat(esem.calls()).filteredOn((calls) -> calls.target().equals("fail"))
				.singleElement()
				.extracting(CallsDescriptor::failures)
				.isEqualTo(1L);
			calculator.release();
		}
	}

	@Test
	void eachSectionShouldBeReadableAloneAndAnUnknownOneShouldBeNull() {
		try (PythonBridge bridge = PythonBridge.builder().python(TestPython.executable()).workers(2).build()) {
			EsemEndpoint endpoint = new EsemEndpoint(bridge);
			assertThat(endpoint.section("workers")).asInstanceOf(InstanceOfAssertFactories.LIST)
				.hasSize(2)
				.hasOnlyElementsOfType(WorkerDescriptor.class);
			assertThat(endpoint.section("registry")).isEqualTo(new RegistryDescriptor(0));
			assertThat(endpoint.section("leaks")).isEqualTo(new LeaksDescriptor(0, List.of()));
			assertThat(endpoint.section("calls")).asInstanceOf(InstanceOfAssertFactories.LIST).isEmpty();
			assertThat(endpoint.section("secrets")).isNull();
		}
	}

}
