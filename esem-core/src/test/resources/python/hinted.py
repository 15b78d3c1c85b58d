"""Functions whose parameters' hints say what they receive."""

import dataclasses
import datetime
import decimal
import enum
import typing
import uuid

import numpy
import pydantic


class Transaction(pydantic.BaseModel):
    id: str
    amount: decimal.Decimal
    vector: typing.List[float]


def score(txn: Transaction) -> float:
    return sum(txn.vector) * float(txn.amount)


@dataclasses.dataclass
class Item:
    sku: str
    quantity: int


class Color(enum.Enum):
    RED = "r"
    GREEN = "g"


class Point(typing.NamedTuple):
    x: int
    y: int


def kinds(item: Item, items: typing.List[Item], maybe: typing.Optional[Item],
          by_name: typing.Dict[str, Item], color: Color, point: Point, day: datetime.date,
          at: datetime.datetime, price: decimal.Decimal, key: uuid.UUID,
          array: numpy.ndarray) -> dict:
    """The type of each argument, as the function received it."""
    return {name: type(value).__name__ for name, value in locals().items()}


def paint(color: Color) -> str:
    return color.name


def total(items: typing.List[Item]) -> int:
    return sum(item.quantity for item in items)


def array_sum(array: numpy.ndarray) -> float:
    return float(array.sum())


class Basket:
    def __init__(self, first: Item):
        self.items = [first]

    def add(self, item: Item) -> int:
        self.items.append(item)
        return len(self.items)

    def quantity(self) -> int:
        return sum(item.quantity for item in self.items)
