"""pandas, torch, scikit-learn and scipy values for the data-world tests."""

import collections
import collections.abc

import numpy as np
import pandas as pd


def sales():
    """Every kind of column pandas has, with its missing values."""
    return pd.DataFrame({
        "region": ["north", "south", None],
        "units": pd.array([3, None, 5], dtype="Int64"),
        "price": [1.5, float("nan"), 2.25],
        "grade": pd.Categorical(["lo", None, "hi"]),
        "day": pd.to_datetime(["2024-03-01 10:30", None, "2024-03-03"]),
        "at": pd.to_datetime(["2024-03-01 10:30", "2024-07-01 12:00", None]).tz_localize("Europe/Berlin"),
        "delay": pd.to_timedelta(["1s", None, "2min"]),
        "ok": [True, False, True],
        "note": ["a", 1, pd.NA],
    })


def indexed():
    return pd.DataFrame({"score": [0.5, 1.5]}, index=pd.Index(["a", "b"], name="key"))


def unnamed_index():
    return pd.DataFrame({"score": [0.5, 1.5]}, index=[10, 20])


def numbers(n=1000, k=5):
    return pd.DataFrame(np.arange(n * k, dtype=float).reshape(n, k), columns=["a", "b", "c", "d", "e"][:k])


def rows_as_records():
    return pd.DataFrame({"n": [1, None, 3], "cat": pd.Categorical(["lo", None, "hi"]),
                         "score": [0.5, 1.7, 2.0]}).to_dict("records")


def series_of_floats():
    return pd.Series([1.0, 2.5, float("nan")], index=["x", "y", "z"])


def series_of_strings():
    return pd.Series(["a", None, "c"])


def an_index():
    return pd.Index([3, 1, 2])


def a_datetime_index():
    return pd.DatetimeIndex(["2024-01-01", None])


def tensor(grad=True):
    import torch
    return torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=grad) * 2


def scalar_tensor():
    import torch
    return torch.tensor(2.5)


def int_tensor():
    import torch
    return torch.arange(4)


def strings():
    return np.array(["ab", "c", "déf"])


def object_strings():
    return np.array(["x", "y"], dtype=object)


def datetimes():
    return np.array(["2024-01-01T00:00:01", "NaT", "1969-12-31T23:59:59.5"], dtype="datetime64[ms]")


def timedeltas():
    return np.array([1500, "NaT", -2000], dtype="timedelta64[ms]")


def complex_values():
    return np.array([1 + 2j, 3j])


def structured():
    return np.array([(1, 2.5, "a"), (2, 3.5, "b")], dtype=[("id", "i4"), ("value", "f8"), ("tag", "U4")])


def sparse():
    import scipy.sparse
    return scipy.sparse.csr_matrix(np.array([[0.0, 1.0], [2.0, 0.0]]))


def a_range(n):
    return range(n)


def a_deque():
    return collections.deque(["a", "b"])


class Squares(collections.abc.Sequence):
    def __len__(self):
        return 3

    def __getitem__(self, i):
        if not 0 <= i < 3:
            raise IndexError(i)
        return i * i


def squares():
    return Squares()


class Config(collections.abc.Mapping):
    def __init__(self):
        self._data = {"a": 1, "b": 2}

    def __getitem__(self, key):
        return self._data[key]

    def __iter__(self):
        return iter(self._data)

    def __len__(self):
        return len(self._data)


def config():
    return Config()


def classifier():
    from sklearn.linear_model import LogisticRegression
    model = LogisticRegression()
    model.fit([[0.0], [1.0], [2.0], [3.0]], ["low", "low", "high", "high"])
    return model


def describe(frame):
    """What a DataFrame parameter received: its type, dtypes, and its values with None for missing."""
    if not isinstance(frame, pd.DataFrame):
        return {"type": type(frame).__name__, "first": frame[0] if frame else None}
    values = {name: [None if pd.isna(v) else (v.isoformat() if hasattr(v, "isoformat") else v)
                     for v in frame[name].tolist()]
              for name in frame.columns}
    return {"type": "DataFrame", "dtypes": {name: str(t) for name, t in frame.dtypes.items()},
            "values": values, "rows": len(frame)}


def total(frame: pd.DataFrame):
    """A function annotated with a DataFrame: the sum of its float column and its row count."""
    return {"type": type(frame).__name__, "rows": len(frame), "sum": float(frame["price"].sum()),
            "dtypes": {name: str(t) for name, t in frame.dtypes.items()}}


def first_row(rows):
    """A function without annotation: gets a list of dicts."""
    return {"type": type(rows).__name__, "first": rows[0], "rows": len(rows)}


def echo(value):
    return value


def dtypes(frame):
    return {name: str(t) for name, t in frame.dtypes.items()}
