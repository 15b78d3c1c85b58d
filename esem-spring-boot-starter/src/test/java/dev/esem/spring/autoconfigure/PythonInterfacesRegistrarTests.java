package dev.esem.spring.autoconfigure;

import java.util.List;

import dev.esem.PythonFactory;
import dev.esem.spring.PythonScan;
import dev.esem.spring.TestPython;
import dev.esem.spring.autoconfigure.fixtures.invalid.PricingClass;
import dev.esem.spring.autoconfigure.fixtures.other.Calculator;
import dev.esem.spring.autoconfigure.fixtures.scan.CalculatorUser;
import dev.esem.spring.autoconfigure.fixtures.scan.ScannedCalculator;
import dev.esem.spring.autoconfigure.fixtures.scan.ScannedPricing;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.ResolvableType;

import static org.assertj.core.api.Assertions.assertThat;

class PythonInterfacesRegistrarTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EsemAutoConfiguration.class))
		.withPropertyValues(TestPython.property());

	@Test
	void runShouldRegisterTheInterfacesOfTheAutoConfigurationPackage() {
		this.runner.withUserConfiguration(ScanPackageConfiguration.class)
			.withBean(CalculatorUser.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(ScannedPricing.class).hasBean("scannedPricing");
				assertThat(context.getBean(ScannedPricing.class).quote(10)).isEqualTo(12.0);
				assertThat(context.getBean(CalculatorUser.class).addTo(2, 3)).isEqualTo(5);
				assertThat(context).hasBean("scannedCalculatorFactory");
				assertThat(context).doesNotHaveBean(Calculator.class);
			});
	}

	@Test
	void runShouldDeclareTheGenericFactoryTypeUpFront() {
		this.runner.withUserConfiguration(ScanPackageConfiguration.class).run((context) -> {
			ResolvableType calculators = ResolvableType.forClassWithGenerics(PythonFactory.class,
					ScannedCalculator.class);
			ResolvableType others = ResolvableType.forClassWithGenerics(PythonFactory.class, Calculator.class);
			assertThat(context.getBeanFactory().getBeanNamesForType(calculators, true, false))
				.containsExactly(ScannedCalculator.class.getName() + "Factory");
			assertThat(context.getBeanFactory().getBeanNamesForType(others, true, false)).isEmpty();
			assertThat(context.getBeanFactory().getBeanNamesForType(ScannedPricing.class, true, false))
				.containsExactly(ScannedPricing.class.getName());
		});
	}

	@Test
	void beansShouldBeNamedByTheFullyQualifiedInterfaceNameWithTheSimpleNameAsAlias() {
		this.runner.withUserConfiguration(ScanPackageConfiguration.class).run((context) -> {
			assertThat(context.getBeanFactory().getAliases(ScannedPricing.class.getName()))
				.containsExactly("scannedPricing");
			assertThat(context.getBean("scannedPricing")).isSameAs(context.getBean(ScannedPricing.class));
			assertThat(context.getBeanFactory().getAliases(ScannedCalculator.class.getName() + "Factory"))
				.containsExactly("scannedCalculatorFactory");
		});
	}

	@Test
	void interfacesWithTheSameSimpleNameInDifferentPackagesShouldEachBeABean() {
		this.runner.withUserConfiguration(TwinsConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed()
				.hasBean(dev.esem.spring.autoconfigure.fixtures.twins.a.Pricing.class.getName())
				.hasBean(dev.esem.spring.autoconfigure.fixtures.twins.b.Pricing.class.getName())
				.hasBean("pricing");
			assertThat(context.getBean(dev.esem.spring.autoconfigure.fixtures.twins.a.Pricing.class).quote(10))
				.isEqualTo(12.0);
			assertThat(context.getBean(dev.esem.spring.autoconfigure.fixtures.twins.b.Pricing.class)
				.total(List.of(1, 2, 3))).isEqualTo(6);
			@SuppressWarnings("unchecked")
			PythonFactory<Calculator> calculators = context.getBean(Calculator.class.getName() + "Factory",
					PythonFactory.class);
			@SuppressWarnings("unchecked")
			PythonFactory<dev.esem.spring.autoconfigure.fixtures.twins.b.Calculator> twins = context.getBean(
					dev.esem.spring.autoconfigure.fixtures.twins.b.Calculator.class.getName() + "Factory",
					PythonFactory.class);
			try (Calculator calculator = calculators.create(1);
					dev.esem.spring.autoconfigure.fixtures.twins.b.Calculator twin = twins.create(2)) {
				assertThat(calculator.add(1)).isEqualTo(2);
				assertThat(twin.add(1)).isEqualTo(3);
			}
			assertThat(context).hasBean("calculatorFactory");
		});
	}

	@Test
	void aSimpleNameThatAnotherBeanHasShouldStayThatBeansName() {
		this.runner.withUserConfiguration(ScanPackageConfiguration.class)
			.withBean("scannedPricing", String.class, () -> "not Python")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean("scannedPricing")).isEqualTo("not Python");
				assertThat(context.getBean(ScannedPricing.class).quote(10)).isEqualTo(12.0);
			});
	}

	@Test
	void pythonScanShouldOverrideTheAutoConfigurationPackages() {
		this.runner.withUserConfiguration(ScanPackageConfiguration.class, OtherPackageConfiguration.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(ScannedPricing.class).hasBean("calculatorFactory");
				@SuppressWarnings("unchecked")
				PythonFactory<Calculator> calculators = context.getBean("calculatorFactory", PythonFactory.class);
				try (Calculator calculator = calculators.create(40)) {
					assertThat(calculator.add(2)).isEqualTo(42);
				}
			});
	}

	@Test
	void runWithoutPackagesShouldRegisterNoInterfaces() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(ScannedPricing.class);
			assertThat(context.getBeanNamesForType(PythonFactory.class)).isEmpty();
		});
	}

	@Test
	void runWhenDisabledShouldRegisterNoInterfaces() {
		this.runner.withUserConfiguration(ScanPackageConfiguration.class)
			.withPropertyValues("esem.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ScannedPricing.class));
	}

	@Test
	void anAnnotationOnAClassShouldFailClearly() {
		this.runner.withUserConfiguration(InvalidPackageConfiguration.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("@PythonModule is only supported on interfaces")
				.hasMessageContaining(PricingClass.class.getName());
		});
	}

	@Configuration(proxyBeanMethods = false)
	@AutoConfigurationPackage(basePackageClasses = ScannedPricing.class)
	static class ScanPackageConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	@PythonScan(basePackageClasses = Calculator.class)
	static class OtherPackageConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	@PythonScan(basePackages = "dev.esem.spring.autoconfigure.fixtures.twins", basePackageClasses = Calculator.class)
	static class TwinsConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	@AutoConfigurationPackage(basePackageClasses = PricingClass.class)
	static class InvalidPackageConfiguration {

	}

}
