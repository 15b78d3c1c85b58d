/**
 * Handles of Python modules and objects, and the path each of their calls takes: a
 * handle builds a {@code Call}, {@code CallPath} routes and sends it, and
 * {@code ReplyObjects} turns the objects of its reply into handles. Internal: may change.
 */
package dev.esem.internal.handle;
