/**
 * Ahead-of-time support: the hints a GraalVM native image of an esem application needs
 * (JDK proxies of the Python interfaces, reflection on the values that cross, the worker
 * archive and the application's Python sources as resources).
 */
package dev.esem.spring.aot;
