package dev.esem.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a method without parameters of a typed interface read a Python attribute instead
 * of calling a function: a module constant ({@code @PythonAttribute("MAX_SIZE") long
 * maxSize()}) or a property of an instance ({@code @PythonAttribute("area") double area()}).
 * The value converts to the method's return type like any result.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface PythonAttribute {

	/** The attribute's Python name. */
	String value();

}
