package dev.esem.spring.autoconfigure;

import dev.esem.PythonBridge;

/**
 * Customizes the {@link PythonBridge.Builder} of the auto-configured bridge after the
 * {@code esem.*} properties were applied, for example to add a
 * {@link dev.esem.monitor.BridgeListener}. Beans of this type are applied in order.
 */
@FunctionalInterface
public interface PythonBridgeBuilderCustomizer {

	void customize(PythonBridge.Builder builder);

}
