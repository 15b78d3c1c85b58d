/**
 * Micrometer meters of the Python bridge ({@code esem.calls}, {@code esem.calls.active},
 * {@code esem.registry.size}, {@code esem.instances.leaked},
 * {@code esem.workers.restarts}).
 */
package dev.esem.spring.metrics;
