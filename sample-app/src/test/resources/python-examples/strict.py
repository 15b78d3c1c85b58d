"""Values for the examples of strict conversions, missing values and hinted arguments."""
import dataclasses
import decimal
import enum
import math
import typing

import pydantic


def value(source):
    """The value of a Python expression: what a function of yours would return."""
    return eval(source, {"math": math, "Grade": Grade})


def size(mapping):
    return len(mapping)


# tag::rows[]
def readings():
    # what pandas' to_dict("records") gives for a frame with a missing int and a missing label
    return [{"sensor": 1.0, "label": "lo", "value": 0.5},
            {"sensor": math.nan, "label": math.nan, "value": 1.7}]
# end::rows[]


class Grade(str):
    def __str__(self):
        return "F"


# tag::hints[]
class Transaction(pydantic.BaseModel):
    id: str
    amount: decimal.Decimal
    vector: typing.List[float]


class Channel(enum.Enum):
    WEB = "web"
    STORE = "store"


@dataclasses.dataclass
class Line:
    sku: str
    quantity: int


def score(txn: Transaction, channel: Channel, lines: typing.List[Line]) -> float:
    weight = 2.0 if channel is Channel.STORE else 1.0
    return weight * float(txn.amount) * sum(txn.vector) + sum(line.quantity for line in lines)
# end::hints[]
