"""Names that Java cannot take as they are."""


class Clashes:
    """Named like its module: the module interface becomes ClashesModule."""

    def go(self) -> int:
        return 1


def unit_price(sku: str) -> float:
    return 1.0


def unitPrice(sku: str) -> float:
    return 2.0


def new(size=1):
    return size
