"""Values for the type-mapping examples."""
import datetime
import decimal

__all__ = ["echo", "type_name", "describe", "big", "corner", "scores", "not_a_number",
           "meeting", "price", "Point", "origin"]


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
