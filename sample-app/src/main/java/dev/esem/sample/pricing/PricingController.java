package dev.esem.sample.pricing;

import java.math.BigDecimal;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Stateless Python functions behind a REST API. */
// tag::pricing-controller[]
@RestController
@RequestMapping("/api")
class PricingController {

	private final Pricing pricing;

	PricingController(Pricing pricing) {
		this.pricing = pricing;
	}

	@PostMapping("/quote")
	Quote quote(@RequestBody QuoteRequest request) {
		return this.pricing.quote(request);
	}

	@GetMapping("/price")
	Price price(@RequestParam String sku, @RequestParam(defaultValue = "1") int quantity,
			@RequestParam(defaultValue = "regular") String tier) {
		return new Price(sku, quantity, tier, this.pricing.price(sku, quantity, tier));
	}

	record Price(String sku, int quantity, String tier, BigDecimal total) {
	}

}
// end::pricing-controller[]
