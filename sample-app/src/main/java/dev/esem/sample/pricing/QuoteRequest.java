package dev.esem.sample.pricing;

// tag::quote-request[]
/** What to price; reaches Python as {@code {"sku": ..., "quantity": ..., "tier": ...}}. */
public record QuoteRequest(String sku, int quantity, String tier) {
}
// end::quote-request[]
