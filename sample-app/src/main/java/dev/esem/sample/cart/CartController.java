package dev.esem.sample.cart;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Stateful Python objects that live between requests, one per cart id. */
@RestController
@RequestMapping("/api/carts")
class CartController {

	private final CartStore store;

	CartController(CartStore store) {
		this.store = store;
	}

	@PostMapping
	ResponseEntity<NewCart> create(@RequestBody(required = false) CartRequest request) {
		String tier = (request != null && request.tier() != null) ? request.tier() : "regular";
		String id = this.store.create(tier);
		return ResponseEntity.created(URI.create("/api/carts/" + id)).body(new NewCart(id, tier));
	}

	@GetMapping("/{id}")
	CartSummary get(@PathVariable String id) {
		return this.store.use(id, Cart::summary);
	}

	@PostMapping("/{id}/items")
	CartSummary add(@PathVariable String id, @RequestBody Item item) {
		return this.store.use(id, (cart) -> cart.add(item.sku(), item.quantity()));
	}

	@DeleteMapping("/{id}/items/{sku}")
	CartSummary remove(@PathVariable String id, @PathVariable String sku) {
		return this.store.use(id, (cart) -> cart.remove(sku));
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable String id) {
		this.store.delete(id);
	}

	record CartRequest(String tier) {
	}

	record NewCart(String id, String tier) {
	}

	record Item(String sku, int quantity) {
	}

}
