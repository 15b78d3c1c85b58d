"""DataFrames for the table figures (needs pandas)."""
import numpy as np
import pandas as pd

_frames = {}


def frame(rows):
    """A rows x 5 float64 DataFrame made of columns (as read_csv or a dict of arrays makes
    one), made once: the figures measure its crossing alone."""
    if ("columns", rows) not in _frames:
        _frames[("columns", rows)] = pd.DataFrame(
            {name: np.arange(rows, dtype=np.float64) * (i + 1) for i, name in enumerate("abcde")})
    return _frames[("columns", rows)]


def row_major_frame(rows):
    """The same from a row-major 2-D array: each column is strided, and must be gathered."""
    if ("rows", rows) not in _frames:
        _frames[("rows", rows)] = pd.DataFrame(np.arange(rows * 5, dtype=np.float64).reshape(rows, 5),
                                               columns=["a", "b", "c", "d", "e"])
    return _frames[("rows", rows)]


def rows(frame: pd.DataFrame):
    """Takes records as a DataFrame; returns its row count."""
    return len(frame)
