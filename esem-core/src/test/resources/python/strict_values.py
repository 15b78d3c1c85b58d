"""Values that must convert strictly, or not at all."""

import datetime
import decimal
import math


class Liar(str):
    def __str__(self):
        return "LIE"


class Devil(int):
    def __int__(self):
        return 666

    def __index__(self):
        return 666


class Sinking(float):
    def __float__(self):
        return -1.0


class Opaque:
    pass


NAN = math.nan
# an offset of one microsecond: Python has it, Java's ZoneOffset does not
ODD_ZONE = datetime.timezone(datetime.timedelta(microseconds=1))


def value(source):
    """The value of a Python expression (the tests' way to say what Python returns)."""
    return eval(source, globals())


def echo(value):
    return value


def type_name(value):
    return type(value).__name__


def frame_rows():
    import pandas as pd
    return pd.DataFrame({"n": [1, None, 3], "cat": pd.Categorical(["lo", None, "hi"]),
                         "score": [0.5, 1.7, 2.0]}).to_dict("records")


def whole_frame_rows():
    import pandas as pd
    return pd.DataFrame({"n": [1, None, 3], "cat": pd.Categorical(["lo", None, "hi"]),
                         "score": [0.0, 1.0, 2.0]}).to_dict("records")


def missing_markers():
    import numpy as np
    import pandas as pd
    return [pd.NaT, pd.NA, np.datetime64("NaT"), np.timedelta64("NaT"), None]


def frame_with_nat():
    import pandas as pd
    return pd.DataFrame({"at": pd.to_datetime(["2024-01-02 03:04:05", None]),
                         "label": pd.array(["a", pd.NA], dtype="string")}).to_dict("records")
