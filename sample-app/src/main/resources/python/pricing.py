"""Prices for the sample shop: plain Python with no dependencies.

Called from Java through the ``Pricing`` interface (``@PythonModule("pricing.py")``).
Invalid input raises ``ValueError``, which the application answers with HTTP 400.
"""
from decimal import Decimal

__all__ = ["CATALOG", "TIERS", "unit_price", "quote", "price"]

# tag::catalog[]
CATALOG = {
    "apple": Decimal("0.50"),
    "banana": Decimal("0.25"),
    "coffee": Decimal("7.90"),
    "tea": Decimal("4.20"),
}
# end::catalog[]

TIERS = {"regular": Decimal("0.00"), "silver": Decimal("0.05"), "gold": Decimal("0.10")}

BULK_QUANTITY = 10
BULK_DISCOUNT = Decimal("0.05")
CENT = Decimal("0.01")


def unit_price(sku):
    """The catalog price of one item."""
    try:
        return CATALOG[sku]
    except KeyError:
        raise ValueError(f"unknown sku {sku!r}; try one of {', '.join(CATALOG)}") from None


# tag::quote[]
def quote(request):
    """Prices a request {"sku", "quantity", "tier"}: a dict in, a dict out."""
    sku = request.get("sku")
    quantity = request.get("quantity")
    tier = request.get("tier") or "regular"
    if not isinstance(quantity, int) or quantity < 1:
        raise ValueError("quantity must be a positive whole number")
    if tier not in TIERS:
        raise ValueError(f"unknown tier {tier!r}; try one of {', '.join(TIERS)}")
    unit = unit_price(sku)
    discount = TIERS[tier] + (BULK_DISCOUNT if quantity >= BULK_QUANTITY else 0)
    total = (unit * quantity * (1 - discount)).quantize(CENT)
    return {"sku": sku, "quantity": quantity, "tier": tier,
            "unitPrice": unit, "discount": discount, "total": total}
# end::quote[]


# tag::price[]
def price(sku, quantity=1, *, tier="regular"):
    """The total for `quantity` items of `sku`; `tier` is keyword-only."""
    return quote({"sku": sku, "quantity": quantity, "tier": tier})["total"]
# end::price[]
