/**
 * Java functions that Python calls: the functions Python holds, and the answers to its
 * calls of them. Internal: may change.
 */
package dev.esem.internal.callback;
