"""numpy arrays and scalars, data carriers, UUID and timedelta, and values Java cannot read."""

import dataclasses
import datetime
import decimal
import sys
import typing
import unittest
import uuid
from unittest import mock

import numpy as np
import pydantic

import support  # noqa: F401  (puts the worker package on sys.path)
from esem_worker.codec import Codec
from esem_worker.registry import Registry
from support import reply_parts, request_frame


@dataclasses.dataclass
class Line:
    sku: str
    price: decimal.Decimal


@dataclasses.dataclass
class Order:
    id: uuid.UUID
    lines: list
    first: Line
    took: datetime.timedelta


class Quote(pydantic.BaseModel):
    sku: str
    quantity: int = 1
    note: str = pydantic.Field(default="", exclude=True)


class Basket(pydantic.BaseModel):
    quotes: typing.List[Quote]
    total: decimal.Decimal


class Corner(typing.NamedTuple):
    x: int
    y: float


class Plain:
    pass


class DataValuesTest(unittest.TestCase):

    def setUp(self):
        self.registry = Registry()
        self.codec = Codec(self.registry, max_depth=16, max_frame_bytes=1 << 24)

    def wire(self, value):
        """The JSON value of ``value`` as it appears in an ok reply; its binary segments
        are left in ``self.segments``."""
        reply, self.segments = reply_parts(self.codec.encode_ok(1, value))
        return reply["ok"]

    def round_trip(self, value):
        """``value`` encoded as a result, then decoded as a request argument."""
        reply, segments = reply_parts(self.codec.encode_ok(1, value))
        request = request_frame({"id": 1, "op": "call", "args": [reply["ok"]]}, segments)
        return self.codec.decode(request)["args"][0]

    # ---- numpy arrays

    def test_every_listed_dtype_crosses_with_its_shape(self):
        for dtype in ("bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32",
                      "uint64", "float16", "float32", "float64"):
            with self.subTest(dtype=dtype):
                array = (np.arange(6) % 3).astype(dtype).reshape(2, 3)
                tagged = self.wire(array)
                self.assertEqual((tagged["$t"], tagged["dtype"], tagged["shape"]),
                                 ("nd", dtype, [2, 3]))
                self.assertEqual(self.segments[tagged["v"]], array.astype(array.dtype.newbyteorder("<")).tobytes())
                back = self.round_trip(array)
                self.assertEqual(back.dtype, array.dtype)
                np.testing.assert_array_equal(back, array)

    def test_arrays_from_java_are_writable_and_owned(self):
        back = self.round_trip(np.array([1.5, 2.5]))
        back[0] = 9.0
        self.assertEqual(back.tolist(), [9.0, 2.5])

    def test_non_contiguous_fortran_and_big_endian_arrays_are_sent_in_c_order(self):
        base = np.arange(12, dtype=np.int32).reshape(3, 4)
        for array in (base[:, ::2], np.asfortranarray(base), base.T,
                      base.astype(">i4"), base[::-1]):
            with self.subTest(array=array):
                tagged = self.wire(array)
                self.assertEqual(tagged["shape"], list(array.shape))
                self.assertEqual(tagged["dtype"], "int32")
                expected = np.ascontiguousarray(array, dtype="<i4").tobytes()
                self.assertEqual(self.segments[tagged["v"]], expected)

    def test_empty_and_high_dimensional_arrays(self):
        self.assertEqual(self.wire(np.zeros((0, 3)))["shape"], [0, 3])
        cube = np.arange(24, dtype=np.uint8).reshape(2, 3, 4)
        np.testing.assert_array_equal(self.round_trip(cube), cube)

    def test_zero_dimensional_arrays_become_scalars(self):
        self.assertEqual(self.wire(np.array(2.5)), 2.5)
        self.assertIs(self.wire(np.array(True)), True)
        self.assertEqual(self.wire(np.array(7, dtype=np.uint64)), 7)

    def test_other_dtypes_are_columns_lists_or_fail_and_masked_arrays_stay_objects(self):
        self.assertEqual(self.wire(np.array(["a"]))["v"]["kind"], "str")
        self.assertEqual(self.wire(np.array(["2024-01-01"], dtype="datetime64[D]"))["v"]["kind"], "dt")
        self.assertEqual(self.wire(np.array([object()]))[0]["$t"], "ref")  # its elements, one by one
        self.assertEqual(self.wire(np.array([1 + 2j]))["$t"], "fail")  # no Java value
        self.assertEqual(self.wire(np.ma.masked_array([1, 2], mask=[0, 1]))["$t"], "ref")

    def test_array_from_java_checks_dtype_shape_and_size(self):
        with self.assertRaisesRegex(ValueError, "unknown NDArray dtype 'complex128'"):
            self.codec.decode(_nd_request("complex128", [1], b"\0" * 16))
        with self.assertRaisesRegex(ValueError, "needs 24 bytes, got 16"):
            self.codec.decode(_nd_request("float64", [3], b"\0" * 16))
        with self.assertRaisesRegex(ValueError, "bad NDArray shape"):
            self.codec.decode(_nd_request("float64", [-1], b""))

    def test_array_from_java_without_numpy_names_numpy(self):
        with mock.patch.dict(sys.modules, {"numpy": None}):
            with self.assertRaisesRegex(ImportError, "numpy cannot be imported in the worker's "
                                                     "Python .*Install numpy"):
                self.codec.decode(_nd_request("float64", [1], b"\0" * 8))

    # ---- numpy scalars

    def test_numpy_scalars_become_builtins_also_inside_containers(self):
        self.assertIs(self.wire(np.bool_(True)), True)
        self.assertEqual(self.wire(np.int64(-3)), -3)
        self.assertEqual(self.wire(np.uint64(2 ** 64 - 1)), 2 ** 64 - 1)
        self.assertEqual(self.wire(np.float32(0.5)), 0.5)
        self.assertEqual(self.wire([np.int8(1), np.float64(2.5), np.bool_(False)]), [1, 2.5, False])
        self.assertEqual(self.wire({"n": np.int32(4), "f": [np.float16(0.25)]}), {"n": 4, "f": [0.25]})
        self.assertEqual(self.wire({np.int64(1): "one"}), {"$t": "dict", "v": [[1, "one"]]})
        self.assertEqual(self.wire(np.complex128(1j))["$t"], "ref")

    def test_numpy_is_not_imported_for_other_values(self):
        with mock.patch.dict(sys.modules, {"numpy": None}):
            self.assertEqual(self.wire([Plain()])[0]["$t"], "ref")

    # ---- data carriers

    def test_dataclasses_become_dicts_of_their_fields_in_order_nested_too(self):
        order = Order(uuid.UUID("12345678-1234-5678-1234-567812345678"),
                      [Line("tea", decimal.Decimal("4.20"))], Line("cup", decimal.Decimal("1")),
                      datetime.timedelta(minutes=2))
        tagged = self.wire(order)
        self.assertEqual(list(tagged), ["id", "lines", "first", "took"])
        self.assertEqual(tagged["lines"], [{"sku": "tea", "price": {"$t": "dec", "v": "4.20"}}])
        self.assertEqual(tagged["first"], {"sku": "cup", "price": {"$t": "dec", "v": "1"}})
        self.assertEqual(tagged["id"], {"$t": "uuid", "v": "12345678-1234-5678-1234-567812345678"})
        self.assertEqual(tagged["took"], {"$t": "td", "v": [120, 0]})

    def test_pydantic_models_become_dicts_of_their_fields(self):
        basket = Basket(quotes=[Quote(sku="tea", quantity=2, note="hidden")],
                        total=decimal.Decimal("8.40"))
        self.assertEqual(self.wire(basket), {"quotes": [{"sku": "tea", "quantity": 2}],
                                             "total": {"$t": "dec", "v": "8.40"}})

    def test_named_tuples_become_dicts_of_their_fields(self):
        self.assertEqual(self.wire(Corner(1, 2.5)), {"x": 1, "y": 2.5})
        Pair = __import__("collections").namedtuple("Pair", "left right")
        self.assertEqual(list(self.wire(Pair("a", "b"))), ["left", "right"])
        self.assertEqual(self.wire((1, 2)), [1, 2])

    def test_dataclass_classes_and_pydantic_classes_are_objects(self):
        self.assertEqual(self.wire(Line)["$t"], "ref")
        self.assertEqual(self.wire(Quote)["$t"], "ref")

    # ---- UUID and timedelta

    def test_uuid_and_timedelta_round_trip(self):
        for value in (uuid.uuid4(), datetime.timedelta(days=-1, seconds=5, microseconds=7),
                      datetime.timedelta(days=999999999, hours=23, microseconds=999999),
                      datetime.timedelta(0)):
            with self.subTest(value=value):
                back = self.round_trip(value)
                self.assertEqual(back, value)
                self.assertIs(type(back), type(value))
        self.assertEqual(self.wire(datetime.timedelta(seconds=-1.5)), {"$t": "td", "v": [-2, 500000]})

    # ---- values Java cannot read

    def test_decimals_without_a_big_decimal_fail_the_result(self):
        for text in ("NaN", "-Infinity", "sNaN", "1E+9999999999"):
            with self.subTest(text=text):
                with self.assertRaisesRegex(ValueError, "cannot cross to Java"):
                    self.codec.encode_ok(1, [decimal.Decimal(text)])
        self.assertEqual(self.registry.size(), 0)

    def test_dict_keys_with_lone_surrogates_fail_the_result(self):
        with self.assertRaisesRegex(ValueError, r"dict key 'a\\ud800' holds a lone surrogate"):
            self.codec.encode_ok(1, {"ok": 1, "a\ud800": 2})
        # as values, and as keys of other dicts (sent as pairs), they cross
        self.assertEqual(self.wire({"é": "\udc80"}), {"é": "\udc80"})
        self.assertEqual(self.wire({1: 2, "\ud800": 3})["$t"], "dict")


def _nd_request(dtype, shape, data):
    arg = {"$t": "nd", "v": 0, "dtype": dtype, "shape": shape}
    return request_frame({"id": 1, "op": "call", "args": [arg]}, [data])


if __name__ == "__main__":
    unittest.main()
