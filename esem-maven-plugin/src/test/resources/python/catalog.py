"""A catalog of everything else a hint can say: the fixture of the generator's complete rows.

Varargs and keyword arguments, a class with a constructor and properties, module
constants, callbacks, tuples, literals, enums, unions, mappings, buffers, awaitables,
a generator that takes values, and overloads.
"""
import asyncio
import enum
from collections.abc import Awaitable, Callable, Coroutine, Generator, ItemsView, Mapping
from dataclasses import dataclass
from typing import Literal, overload

try:
    from collections.abc import Buffer  # Python 3.12+
except ImportError:
    Buffer = memoryview  # the same Java type: byte[]

VERSION: str = "1.2"
MAX_ITEMS = 100


class Color(enum.Enum):
    """A color of an item."""
    RED = "r"
    GREEN = "g"


class Priority(enum.IntEnum):
    LOW = 1
    HIGH = 2


@dataclass
class Item:
    """An item of the catalog."""
    item_id: int
    unit_price: float
    color: Color


class Basket:
    """A basket of items."""

    def __init__(self, owner: str, capacity: int = 10):
        self.owner = owner
        self.capacity = capacity
        self.items = []

    @property
    def size(self) -> int:
        """How many items the basket holds."""
        return len(self.items)

    def add(self, *items: Item) -> int:
        self.items.extend(items)
        return len(self.items)

    def total(self) -> float:
        return sum(item["unit_price"] if isinstance(item, dict) else item.unit_price for item in self.items)


def tag(name: str, *labels: str, **attributes: str) -> str:
    """A tag with its labels and attributes, as text."""
    text = name + "".join("[%s]" % label for label in labels)
    return text + "".join(" %s=%s" % pair for pair in sorted(attributes.items()))


def apply(transform: Callable[[int], int], value: int) -> int:
    return transform(value)


def combine(merge: Callable[[str, str], str], left: str, right: str) -> str:
    return merge(left, right)


def keep(test: Callable[[str], bool], words: list[str]) -> list[str]:
    return [word for word in words if test(word)]


def each(action: Callable[[str], None], words: list[str]) -> None:
    for word in words:
        action(word)


def produce(supplier: Callable[[], str]) -> str:
    return supplier()


def notify(done: Callable[[], None]) -> None:
    done()


def reduce_all(reducer: Callable[[int, int, int], int]) -> int:
    return reducer(1, 2, 3)


def min_max(values: list[int]) -> tuple[int, int]:
    return min(values), max(values)


def squares(values: list[float]) -> list[float]:
    """Squares a batch of values at once."""
    return [value * value for value in values]


def swap(pair: tuple[str, int]) -> tuple[int, str]:
    return pair[1], pair[0]


def speed(mode: Literal["fast", "slow"]) -> Literal["fast", "slow"]:
    return "slow" if mode == "fast" else "fast"


def repaint(item: Item, color: Color) -> Item:
    # Java's record arrives as a dict, or as an Item where arguments follow their hints
    fields = item if isinstance(item, dict) else vars(item)
    name = color.name if isinstance(color, Color) else color
    return Item(fields["item_id"], fields["unit_price"], Color[name])


def urgent(priority: Priority) -> bool:
    return int(priority) == Priority.HIGH


def describe(value: int | str) -> str:
    return "%s:%s" % (type(value).__name__, value)


def count_keys(table: Mapping[str, int]) -> int:
    return len(table)


def entries(table: Mapping[str, int]) -> ItemsView[str, int]:
    return table.items()


def checksum(data: Buffer) -> int:
    return sum(bytes(data)) % 256


def later(value: int) -> Awaitable[int]:
    async def wait():
        await asyncio.sleep(0)
        return value
    return wait()


def doubled(value: int) -> Coroutine[None, None, int]:
    async def wait():
        return 2 * value
    return wait()


def running_total() -> Generator[int, int, str]:
    total = 0
    while True:
        sent = yield total
        if sent is None:
            return "total %d" % total
        total += sent


@overload
def parse(text: str) -> int: ...


@overload
def parse(text: str, base: int) -> int: ...


def parse(text, base=10):
    return int(text, base)
