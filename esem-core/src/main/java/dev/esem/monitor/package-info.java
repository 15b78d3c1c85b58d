/**
 * What a {@link dev.esem.PythonBridge} tells about itself: worker states, call
 * statistics, leaks, and a listener hook that integrations (such as the Spring Boot
 * starter's Micrometer binding) turn into metrics.
 */
package dev.esem.monitor;
