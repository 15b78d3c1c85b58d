package dev.esem.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds an interface to a Python class. With the Spring Boot starter a
 * {@code PythonFactory<ThatInterface>} bean creates its instances.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface PythonClass {

	/** The module spec that defines the class. */
	String module();

	/** The class name; defaults to the interface's simple name. */
	String name() default "";

}
