package dev.esem.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds an interface to a Python module: each method calls the module function of the
 * same name. With the Spring Boot starter the interface becomes a bean.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface PythonModule {

	/** The module spec: a file path such as {@code "pricing.py"} or an importable name. */
	String value();

}
