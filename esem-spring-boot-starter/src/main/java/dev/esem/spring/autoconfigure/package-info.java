/**
 * Auto-configuration of the {@link dev.esem.PythonBridge} bean, its lifecycle, the
 * {@code esem.*} properties, the beans of Python interfaces and the startup failure
 * analyzers.
 */
package dev.esem.spring.autoconfigure;
