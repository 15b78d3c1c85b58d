/**
 * Micrometer Observations of Python calls ({@code esem.call}): spans when a tracer is
 * present, and the {@code esem.calls} timer derived from them.
 */
package dev.esem.spring.observation;
