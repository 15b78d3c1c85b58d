/**
 * Java interfaces as views of Python modules and objects. Internal: may change.
 */
package dev.esem.internal.proxy;
