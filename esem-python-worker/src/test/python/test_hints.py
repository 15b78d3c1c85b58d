"""Arguments converted to what the called function's type hints ask for."""

from __future__ import annotations

import dataclasses
import datetime
import decimal
import enum
import sys
import typing
import unittest
import uuid

import numpy as np
import pydantic

import support  # noqa: F401  (puts the worker package on sys.path)
from esem_worker import hints
from esem_worker.hints import plan_for


class Color(enum.Enum):
    RED = "r"
    GREEN = "g"


@dataclasses.dataclass
class Item:
    sku: str
    quantity: int
    placed: datetime.date


@dataclasses.dataclass
class Node:
    name: str
    children: list[Node] = dataclasses.field(default_factory=list)


class Point(typing.NamedTuple):
    x: int
    color: Color


class Transaction(pydantic.BaseModel):
    amount: decimal.Decimal
    vector: list[float]


def takes_everything(item: Item, items: list[Item], maybe: typing.Optional[Item],
                     by_name: dict[str, Item], color: Color, point: Point, txn: Transaction,
                     array: np.ndarray, price: decimal.Decimal, key: uuid.UUID,
                     at: datetime.datetime, tree: Node, count: int = 0):
    return locals()


def plain(a, b: int, c: str = "", *rest: float, **more: typing.Any):
    return a


def many(*items: Item, **by_name: Color):
    return items, by_name


class Shop:
    def __init__(self, first: Item):
        self.first = first

    def add(self, item: Item, color: Color = Color.RED):
        return item, color


class Frame:  # stands for a class of a library the worker does not import
    pass


Frame.__module__ = "fakelib.core.frame"


def takes_frame(frame: Frame):
    return frame


ITEM = {"sku": "a-1", "quantity": 2, "placed": "2024-01-02"}


class HintsTest(unittest.TestCase):

    def test_each_hint_builds_its_type_from_what_crossed(self):
        args, kw = plan_for(takes_everything)(
            [ITEM, [ITEM], None, {"k": ITEM}, "RED", {"x": 1, "color": "g"},
             {"amount": "1.50", "vector": [1, 2]}, [[1, 2], [3, 4]], 0.1,
             "12345678-1234-5678-1234-567812345678", "2024-01-02T03:04:05Z"],
            {"tree": {"name": "root", "children": [{"name": "leaf"}]}, "count": 5})
        item = Item("a-1", 2, datetime.date(2024, 1, 2))
        self.assertEqual(args[:7], [item, [item], None, {"k": item}, Color.RED, Point(1, Color.GREEN),
                                    Transaction(amount=decimal.Decimal("1.50"), vector=[1.0, 2.0])])
        self.assertIsInstance(args[7], np.ndarray)
        self.assertEqual(args[7].shape, (2, 2))
        self.assertEqual(args[8], decimal.Decimal("0.1"))
        self.assertEqual(args[9], uuid.UUID("12345678-1234-5678-1234-567812345678"))
        self.assertEqual(args[10], datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc))
        self.assertEqual(kw, {"tree": Node("root", [Node("leaf")]), "count": 5})

    def test_values_that_have_the_type_pass_unchanged(self):
        item = Item("a", 1, datetime.date(2024, 1, 1))
        array = np.zeros(3)
        args, _ = plan_for(takes_everything)([item, [item], item, {}, Color.GREEN, Point(1, Color.RED),
                                              None, array], None)
        self.assertIs(args[0], item)
        self.assertIs(args[2], item)
        self.assertIs(args[4], Color.GREEN)
        self.assertIs(args[7], array)

    def test_enums_from_names_or_values(self):
        convert = plan_for(Shop.add)
        self.assertEqual(convert([None, ITEM, "g"], None)[0][2], Color.GREEN)
        self.assertEqual(convert([None, ITEM], {"color": "GREEN"})[1], {"color": Color.GREEN})

    def test_a_datetime_from_a_number_is_seconds_since_the_epoch_in_utc(self):
        args, _ = plan_for(takes_everything)([None] * 10 + [86400.5], None)
        self.assertEqual(args[10], datetime.datetime(1970, 1, 2, 0, 0, 0, 500000, tzinfo=datetime.timezone.utc))

    def test_functions_without_such_hints_have_no_plan(self):
        self.assertIsNone(plan_for(plain))
        self.assertIsNone(plan_for(len))
        self.assertIsNone(plan_for(lambda x: x))

    def test_the_plan_is_made_once_per_function(self):
        self.assertIs(plan_for(takes_everything), plan_for(takes_everything))
        shop = Shop(Item("a", 1, datetime.date(2024, 1, 1)))
        self.assertIs(plan_for(shop.add), plan_for(Shop(None).add))

    def test_constructors_methods_and_rest_parameters(self):
        args, _ = plan_for(Shop)([ITEM], None)
        self.assertEqual(args[0].sku, "a-1")
        args, _ = plan_for(Shop(None).add)([ITEM, "r"], None)
        self.assertEqual(args, [Item("a-1", 2, datetime.date(2024, 1, 2)), Color.RED])
        args, kw = plan_for(many)([ITEM, ITEM], {"x": "g"})
        self.assertEqual([type(a) for a in args], [Item, Item])
        self.assertEqual(kw, {"x": Color.GREEN})
        args, kw = plan_for(Item)(["s", 1], {"placed": "2020-02-02"})
        self.assertEqual(kw, {"placed": datetime.date(2020, 2, 2)})

    def test_a_bad_value_names_the_parameter(self):
        convert = plan_for(takes_everything)
        with self.assertRaises(TypeError) as raised:
            convert([ITEM, [ITEM], None, {}, "BLUE"], None)
        self.assertIn("argument 'color' of takes_everything()", str(raised.exception))
        self.assertIn("'BLUE' is neither the name nor the value of a Color member", str(raised.exception))
        with self.assertRaises(TypeError) as raised:
            convert([{"sku": "a", "quantity": 1, "placed": "2024-01-01", "colour": "red"}], None)
        self.assertIn("argument 'item'", str(raised.exception))
        self.assertIn("no field 'colour'", str(raised.exception))
        with self.assertRaises(TypeError) as raised:
            convert([ITEM, [ITEM], None, {}, "RED", None, None, None, None, None, "yesterday"], None)
        self.assertIn("argument 'at'", str(raised.exception))

    def test_a_pydantic_validation_error_stays_one(self):
        with self.assertRaises(pydantic.ValidationError):
            plan_for(takes_everything)([ITEM, [], None, {}, "RED", None, {"amount": "x", "vector": []}], None)

    def test_a_converter_registered_by_class_name_is_used_when_such_a_hint_is_met(self):
        made = []

        def make(hint):
            made.append(hint)
            return lambda value: ("converted", value)

        hints.register_class("fakelib", "Frame", make)
        try:
            self.assertEqual(plan_for(takes_frame)([[1, 2]], None)[0], [("converted", [1, 2])])
            self.assertEqual(made, [Frame])
        finally:
            del hints._by_class_name[("fakelib", "Frame")]

    def test_reading_hints_imports_nothing(self):
        for name in ("pandas", "torch"):
            self.assertNotIn(name, sys.modules)


if __name__ == "__main__":
    unittest.main()
