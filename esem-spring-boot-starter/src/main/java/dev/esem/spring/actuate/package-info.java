/**
 * Actuator support: the {@code esem} endpoint and health indicator, each with its own
 * auto-configuration that backs off when actuator is absent.
 */
package dev.esem.spring.actuate;
