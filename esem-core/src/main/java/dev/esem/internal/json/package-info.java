/**
 * How Jackson sees esem's Java values, apart from the wire: the serializers of handles
 * and arrays that user code meets, {@code @PythonName}, and the strict reading of typed
 * results. Internal: may change.
 */
package dev.esem.internal.json;
