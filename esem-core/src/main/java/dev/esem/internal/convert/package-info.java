/**
 * Conversion of Python results to the Java types that callers ask for. Internal: may
 * change.
 */
package dev.esem.internal.convert;
