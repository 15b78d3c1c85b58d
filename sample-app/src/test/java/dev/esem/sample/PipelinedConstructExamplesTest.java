package dev.esem.sample;

import dev.esem.PythonBridge;
import dev.esem.PythonException;
import dev.esem.PythonFactory;
import dev.esem.sample.cart.Cart;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The example of a construct that does not wait, in lifecycle-and-leaks.md and typed-interfaces.md. */
class PipelinedConstructExamplesTest {

	@Test
	void aPipelinedCartReturnsAtOnceAndAFailedOneFailsItsFirstUse() {
		try (PythonBridge python = Examples.bridge().build()) {
			PythonFactory<Cart> carts = python.module("cart.py").factory("Cart", Cart.class);
			// tag::pipelined[]
			carts.create("regular").release(); // the first construct waits, and tells esem the class's methods
			try (Cart cart = carts.createPipelined("gold")) { // returns at once: the constructor goes with the first call
				assertThat(cart.add("apple", 2).lines()).hasSize(1);
			}
			Cart unknown = carts.createPipelined("platinum"); // throws nothing: it did not wait
			assertThatThrownBy(() -> unknown.add("apple", 1)).isInstanceOf(PythonException.class)
				.hasMessage("unknown tier 'platinum'; try one of regular, silver, gold");
			assertThatThrownBy(unknown::summary).isInstanceOf(PythonException.class); // every use, until released
			unknown.release(); // quiet, as for any object
			// end::pipelined[]
			assertThat(python.liveObjects()).isZero();
		}
	}

}
