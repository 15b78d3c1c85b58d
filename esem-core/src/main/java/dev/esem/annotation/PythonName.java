package dev.esem.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The Python name of an interface method, or of a record component or bean property,
 * when it differs from the Java name. On a component ({@code @PythonName("user_id") long
 * userId}) only the bridge uses it: Python sees {@code user_id} both ways, while any other
 * Jackson mapper (a web framework's) still reads and writes {@code userId}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.FIELD, ElementType.RECORD_COMPONENT })
public @interface PythonName {

	String value();

}
