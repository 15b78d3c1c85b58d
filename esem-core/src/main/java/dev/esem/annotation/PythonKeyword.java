package dev.esem.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Passes an interface method parameter as a Python keyword argument. The keyword is
 * {@link #value()}, or the parameter's name when the code is compiled with
 * {@code -parameters}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface PythonKeyword {

	String value() default "";

}
