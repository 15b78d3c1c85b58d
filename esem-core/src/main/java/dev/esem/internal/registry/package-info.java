/**
 * Tracking of live Python object handles and leak detection. Internal: may change.
 */
package dev.esem.internal.registry;
