package dev.esem.sample.pricing;

import java.math.BigDecimal;

// tag::quote[]
/** The dict that {@code quote()} returns, read into a record by name. */
public record Quote(String sku, int quantity, String tier, BigDecimal unitPrice, BigDecimal discount,
		BigDecimal total) {
}
// end::quote[]
