package dev.esem.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;

/**
 * Names the packages scanned for interfaces annotated with
 * {@link dev.esem.annotation.PythonModule @PythonModule} and
 * {@link dev.esem.annotation.PythonClass @PythonClass}, instead of the package of the
 * {@code @SpringBootApplication} class. Put it on a {@code @Configuration} class (or the
 * application class itself).
 *
 * <pre>{@code
 * @SpringBootApplication
 * @PythonScan(basePackageClasses = PricingModule.class)
 * class ShopApplication { }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Import(PythonScanPackages.Registrar.class)
public @interface PythonScan {

	/** Alias for {@link #basePackages()}. */
	@AliasFor("basePackages")
	String[] value() default {};

	/** Packages to scan, with their sub-packages. */
	@AliasFor("value")
	String[] basePackages() default {};

	/** Classes whose packages are scanned, with their sub-packages: a type-safe {@link #basePackages()}. */
	Class<?>[] basePackageClasses() default {};

}
