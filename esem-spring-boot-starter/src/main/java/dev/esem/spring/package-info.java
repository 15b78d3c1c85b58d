/**
 * Spring Boot integration of esem: {@link dev.esem.spring.PythonScan @PythonScan} to name
 * the packages that hold {@code @PythonModule} and {@code @PythonClass} interfaces.
 */
package dev.esem.spring;
