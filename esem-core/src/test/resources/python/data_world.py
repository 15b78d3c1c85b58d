"""Fixture module: numpy arrays and scalars, data carriers, and values Java cannot read."""
import dataclasses
import datetime
import decimal
import sys
import typing
import uuid

import numpy as np
import pydantic


def echo(value):
    return value


def describe_array(array):
    """What Python sees of an array Java sent."""
    return {"type": type(array).__name__, "dtype": str(array.dtype), "shape": list(array.shape),
            "c_order": bool(array.flags.c_contiguous), "writable": bool(array.flags.writeable),
            "values": array.tolist()}


def arange(dtype, *shape):
    size = 1
    for n in shape:
        size *= n
    return (np.arange(size) % 7).astype(dtype).reshape(shape)


def extremes():
    return {"uint64": np.array([2 ** 64 - 1, 0], dtype=np.uint64),
            "int8": np.array([-128, 127], dtype=np.int8),
            "float16": np.array([0.5, -2.0, np.inf], dtype=np.float16),
            "float64": np.array([np.nan, -np.inf, 1e300])}


def strided():
    return np.arange(12, dtype=np.int64).reshape(3, 4)[:, ::2]


def fortran():
    return np.asfortranarray(np.arange(6, dtype=np.float64).reshape(2, 3))


def transposed():
    return np.arange(6, dtype=np.int32).reshape(2, 3).T


def big_endian():
    return np.arange(3, dtype=">f8")


def scalars():
    return {"zero_d": np.array(2.5), "float32": np.float32(0.25), "int64": np.int64(-3),
            "uint64": np.uint64(2 ** 63), "bool": np.bool_(True),
            "list": [np.int8(1), np.float64(1.5), np.bool_(False)], "nested": {"n": np.int16(7)}}


def scaled(array, factor):
    return array * factor


def as_list(array):
    return array.tolist()


def weights():
    return {"weights": np.array([0.5, 1.5]), "bias": np.float64(0.25)}


@dataclasses.dataclass
class Line:
    sku: str
    quantity: int
    price: decimal.Decimal


@dataclasses.dataclass
class Order:
    id: uuid.UUID
    lines: typing.List[Line]
    placed: datetime.date
    took: datetime.timedelta

    def total(self):
        return sum(line.price * line.quantity for line in self.lines)


def order():
    return Order(uuid.UUID("0b4f2cf6-1c4e-4d55-9a43-2a5d7e9d1f00"),
                 [Line("tea", 2, decimal.Decimal("4.20")), Line("cup", 1, decimal.Decimal("9.90"))],
                 datetime.date(2026, 3, 1), datetime.timedelta(minutes=1, microseconds=5))


class Quote(pydantic.BaseModel):
    sku: str
    quantity: int = 1
    unit_price: decimal.Decimal


def quote():
    return Quote(sku="tea", quantity=3, unit_price=decimal.Decimal("4.20"))


class Corner(typing.NamedTuple):
    x: int
    y: float


def corner():
    return Corner(3, 4.5)


class Opaque:
    def __init__(self, name="opaque"):
        self.name = name

    def hello(self):
        return "hello from " + self.name


def opaque():
    return Opaque()


def holding_opaque():
    return {"name": "box", "inside": Opaque("inside")}


def duration_seconds(delta):
    return delta.total_seconds()


def not_a_number():
    return decimal.Decimal("NaN")


def surrogate_key():
    return {"ok": 1, "bad\udc80key": 2}


def type_name(value):
    return type(value).__name__


def loaded(module):
    return module in sys.modules


def scalar_kinds():
    return [type(v).__name__ for v in (np.int64(1), np.float32(1))]


def describe_job(job):
    return [type(job["input"]).__name__, str(job["input"].dtype), job["model"].hello(), str(job["took"])]
