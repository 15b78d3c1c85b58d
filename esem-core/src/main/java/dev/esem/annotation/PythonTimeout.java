package dev.esem.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The timeout of an interface method's calls, instead of the bridge's call timeout:
 * {@code "500ms"}, {@code "2s"}, {@code "1m"} or ISO-8601 ({@code "PT2S"}); a number
 * alone is milliseconds.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface PythonTimeout {

	String value();

}
