"""Shapes and their areas: the fixture of the generator's tests.

Uses every kind of hint the table knows, a class, records, keyword-only parameters
and defaults.
"""
import asyncio
from dataclasses import dataclass
from decimal import Decimal
from typing import Iterator, List, Literal, NamedTuple, Optional, Sequence, TypedDict

__all__ = ["area", "total", "label", "scale", "describe", "corners", "later", "convert", "Point", "Size", "Square"]


@dataclass
class Point:
    """A point of the plane."""
    x: float
    y: float
    unit_name: str = "m"


class Size(NamedTuple):
    width: float
    height: float


class Summary(TypedDict):
    count: int
    total: Decimal
    currency_code: str
    corners: List[Point]


def area(width: float, height: float = 1.0, *, rounded: bool = False) -> float:
    """The area of a rectangle.

    Multiplies `width` by ``height`` when 0 < width & height.
    """
    value = width * height
    return float(round(value)) if rounded else value


def total(prices: Sequence[Decimal], *, currency: Literal["EUR", "USD"] = "EUR") -> Summary:
    return {"count": len(prices), "total": sum(prices, Decimal(0)), "currency_code": currency, "corners": []}


def label(summary: Summary) -> str:
    return "%d items, %s %s" % (summary["count"], summary["total"], summary["currency_code"])


def scale(points: list[Point], factor: Optional[int] = None) -> list[Point]:
    factor = 1 if factor is None else factor
    return [Point(p.x * factor, p.y * factor, p.unit_name) for p in points]


def describe(thing, *args, **options):
    return repr(thing)


def corners(size: Size) -> Iterator[Point]:
    yield Point(0.0, 0.0)
    yield Point(size.width, size.height)


async def later(delay: float) -> dict[str, int]:
    await asyncio.sleep(delay)
    return {"slept": 1}


def convert(data: bytes, tags: set[str], lookup: dict[int, str], pair: tuple[int, str], anything,
            maybe: int | str) -> None:
    pass


class Square:
    """A square of a given side."""

    def __init__(self, side: float):
        self.side = side

    def area(self) -> float:
        return self.side ** 2

    def grow(self, by: float = 1.0) -> "Square":
        return Square(self.side + by)

    def same_as(self, other: "Square") -> bool:
        return other.side == self.side

    def close(self) -> None:
        """Not the proxy's close: the generated method is close_()."""

    @staticmethod
    def unit() -> "Square":
        return Square(1.0)

    @property
    def perimeter(self) -> float:
        return 4 * self.side

    def _hidden(self):
        pass
