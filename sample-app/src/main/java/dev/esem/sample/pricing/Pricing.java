package dev.esem.sample.pricing;

import java.math.BigDecimal;

import dev.esem.annotation.PythonKeyword;
import dev.esem.annotation.PythonModule;
import dev.esem.annotation.PythonName;

// tag::pricing-interface[]
/** The functions of {@code pricing.py}; the esem starter makes this interface a bean. */
@PythonModule("pricing.py")
public interface Pricing {

	/** {@code quote(request)}: the record goes to Python as a dict, the dict comes back as a record. */
	Quote quote(QuoteRequest request);

	/** {@code price(sku, quantity, tier=tier)}: {@code tier} is passed by keyword. */
	BigDecimal price(String sku, int quantity, @PythonKeyword("tier") String tier);

	/** {@code unit_price(sku)}: the Python name differs from the Java one. */
	@PythonName("unit_price")
	BigDecimal unitPrice(String sku);

	/** A default method runs in Java and may call the Python ones. */
	default BigDecimal price(String sku) {
		return price(sku, 1, "regular");
	}

}
// end::pricing-interface[]
