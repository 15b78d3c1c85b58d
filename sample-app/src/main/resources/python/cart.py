"""A shopping cart: a stateful Python object that lives in one worker between requests.

Java creates carts through ``PythonFactory<Cart>`` and releases them when the cart is
deleted or has been idle too long.
"""
from decimal import Decimal

from pricing import quote

__all__ = ["Cart", "merge"]


# tag::cart[]
class Cart:
    """Items by sku, priced for one customer tier."""

    def __init__(self, tier="regular"):
        quote({"sku": "apple", "quantity": 1, "tier": tier})  # rejects an unknown tier
        self.tier = tier
        self.items = {}

    def add(self, sku, quantity=1):
        quote({"sku": sku, "quantity": quantity, "tier": self.tier})  # rejects bad input
        self.items[sku] = self.items.get(sku, 0) + quantity
        return self.summary()

    def remove(self, sku):
        self.items.pop(sku, None)
        return self.summary()

    def summary(self):
        lines = [quote({"sku": sku, "quantity": quantity, "tier": self.tier})
                 for sku, quantity in self.items.items()]
        return {"tier": self.tier, "lines": lines,
                "total": sum((line["total"] for line in lines), Decimal("0.00"))}
# end::cart[]


# tag::merge[]
def merge(target, source):
    """Moves every item of the cart `source` into the cart `target`."""
    for sku, quantity in source.items.items():
        target.add(sku, quantity)
    source.items.clear()
    return target.summary()
# end::merge[]
