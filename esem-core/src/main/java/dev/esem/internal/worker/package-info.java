/**
 * Worker processes and the pool that supervises them. Internal: may change.
 */
package dev.esem.internal.worker;
