/**
 * The bridge's machinery. Not public API: anything here may change without notice.
 */
package dev.esem.internal;
