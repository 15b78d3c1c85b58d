package dev.esem.sample.cart;

import java.math.BigDecimal;
import java.util.List;

import dev.esem.sample.pricing.Quote;

/** What {@code Cart.summary()} returns: a list of dicts becomes a list of records. */
public record CartSummary(String tier, List<Quote> lines, BigDecimal total) {
}
