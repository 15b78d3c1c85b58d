package dev.esem.sample.cart;

import dev.esem.PythonInstance;
import dev.esem.annotation.PythonClass;

// tag::cart-interface[]
/**
 * The Python class {@code Cart} of {@code cart.py}. The esem starter provides a
 * {@code PythonFactory<Cart>} bean; each {@code create(tier)} makes a new Python cart.
 */
@PythonClass(module = "cart.py", name = "Cart")
public interface Cart extends PythonInstance {

	CartSummary add(String sku, int quantity);

	CartSummary remove(String sku);

	CartSummary summary();

}
// end::cart-interface[]
