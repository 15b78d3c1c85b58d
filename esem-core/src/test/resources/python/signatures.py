"""Functions with *args, **kwargs, constants, properties, tuples and enums, for typed interfaces."""
import enum

LIMIT = 42


class Shade(enum.Enum):
    DARK = "dark"
    LIGHT = "light"


class Box:
    def __init__(self, width, height=1):
        self.width = width
        self.height = height

    @property
    def area(self):
        return self.width * self.height


def total(base, *values, scale=1, **extra):
    return {"sum": (base + sum(values)) * scale, "extra": extra}


def keys(record):
    return sorted(record)


def order(order_id, unit_price):
    return {"order_id": order_id, "unit_price": unit_price}


def swap(pair):
    return (pair[1], pair[0])


def opposite(shade):
    name = shade.name if isinstance(shade, Shade) else shade
    return Shade.LIGHT if name == "DARK" else Shade.DARK
