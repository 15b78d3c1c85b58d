/**
 * Call statistics and the events that the bridge's listeners hear. Internal: may change.
 */
package dev.esem.internal.stats;
