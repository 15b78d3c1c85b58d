"""Values for the type-mapping examples."""
import dataclasses
import datetime
import decimal
import typing
import uuid

import pydantic

__all__ = ["echo", "type_name", "describe", "big", "corner", "scores", "not_a_number",
           "meeting", "price", "Point", "origin", "scaled", "summary", "Reading", "latest",
           "Sensor", "sensor", "Extent", "extent", "since", "bad_price", "labels"]


# tag::echo[]
def echo(value):
    return value


def type_name(value):
    return type(value).__name__
# end::echo[]


def describe(value):
    return repr(value)


def big():
    return 2 ** 100


def corner():
    return (3, 4)


def scores():
    return {1: "gold", 2: "silver"}


def not_a_number():
    return float("nan")


def meeting():
    return datetime.datetime(2026, 3, 1, 9, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=1)))


def price():
    return decimal.Decimal("19.90")


# tag::point[]
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def length(self):
        return (self.x ** 2 + self.y ** 2) ** 0.5


def origin():
    return Point(0, 0)
# end::point[]


# tag::numpy[]
def scaled(values, factor):
    return values * factor  # an ndarray times a number: an ndarray


def summary(values):
    return {"mean": values.mean(), "max": values.max(), "positive": values > 0}
# end::numpy[]


# tag::carriers[]
@dataclasses.dataclass
class Reading:
    sensor: str
    value: decimal.Decimal
    taken: datetime.datetime

    def is_high(self):
        return self.value > 100


def latest():
    return Reading("boiler", decimal.Decimal("101.5"), datetime.datetime(2026, 3, 1, 9, 30))


class Sensor(pydantic.BaseModel):
    id: uuid.UUID
    name: str
    interval: datetime.timedelta


def sensor():
    return Sensor(id=uuid.UUID("5f0c5a36-66a1-4a4b-b3a5-3e0b6f6a2c11"), name="boiler",
                  interval=datetime.timedelta(seconds=30))


class Extent(typing.NamedTuple):
    width: int
    height: int


def extent():
    return Extent(640, 480)
# end::carriers[]


# tag::uuid-duration[]
def since(moment, delta):
    return moment + delta  # a datetime plus a timedelta
# end::uuid-duration[]


# tag::unreadable[]
def bad_price():
    return decimal.Decimal("NaN")  # a BigDecimal has no NaN


def labels():
    return {"caf\udce9": 1}  # a lone surrogate (from undecodable bytes) in a key
# end::unreadable[]
