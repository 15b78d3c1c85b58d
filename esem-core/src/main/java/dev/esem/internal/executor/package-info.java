/**
 * The threads of one bridge. Internal: may change.
 */
package dev.esem.internal.executor;
