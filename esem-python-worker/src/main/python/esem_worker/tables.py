"""pandas, torch, scipy and numpy's non-numeric arrays as Java values; tables columnar.

Nothing is imported here up front: a DataFrame, a tensor or a numpy array cannot exist
before its library was imported by someone, so ``type(x).__module__`` says what a value
is before any import. pandas is imported only when Java sends a ``Table`` (which becomes
a DataFrame) or rows for a parameter annotated ``pandas.DataFrame``.

A table travels as ``{"$t": "table", "v": [column, ...], "rows": n}``; each column is an
object with its ``name`` and ``kind``, and its data in binary segments:

- ``nd``: a bool/int/uint/float column, ``data`` its raw little-endian values, ``dtype``;
- ``str``: ``data`` all strings as one UTF-8 segment, ``offsets`` n + 1 int64 byte offsets;
- ``dt`` / ``td``: datetime64 / timedelta64 as int64 in ``data``, with their ``unit`` and,
  for datetimes that have one, the ``tz`` they are shown in (the values are UTC);
- ``obj``: anything else, ``v`` a list of values as they cross one by one.

Missing values (None, NaN in a string column, ``pandas.NA``, ``NaT``) are a ``mask``
segment of n bytes, 1 for missing, present only when a value is missing. A float
column keeps its NaN as a value. A pandas ``Series`` travels as one column
(``{"$t": "col", "v": column}``).
"""

import array
import itertools
import sys

from . import arrays

__all__ = ["UNCHANGED", "prepare", "as_list", "as_map", "decode_table", "decode_column",
           "PendingRows", "bind_rows"]

UNCHANGED = arrays.UNCHANGED
_UNITS = ("s", "ms", "us", "ns")
_INT64_MIN = -(2 ** 63)


def prepare(value, codec, depth):
    """The wire form of a pandas, torch or scipy value, or of a numpy array that
    ``arrays`` does not send (strings, datetimes, records, complex); else UNCHANGED."""
    module = type(value).__module__
    if module == "numpy":
        np = sys.modules["numpy"]
        if isinstance(value, np.ndarray) and value.dtype.name not in arrays.DTYPES:
            return _numpy_array(value, codec, depth)
        return UNCHANGED
    top = module.partition(".")[0]
    if top == "pandas":
        pd = sys.modules["pandas"]
        if isinstance(value, pd.DataFrame):
            return _table(value, codec, depth)
        if isinstance(value, pd.Series):
            return {"$t": "col", "v": _column(None, value, codec, depth)}
        if isinstance(value, pd.Index):
            return codec.prepare(_without_missing(value.tolist()), depth)
        return UNCHANGED
    if top == "torch":
        torch = sys.modules["torch"]
        if isinstance(value, torch.Tensor):
            return codec.prepare(_tensor_value(torch, value), depth)
    return UNCHANGED


def as_list(value):
    """A result for a declared Java list or array: any sequence or iterable as a list;
    array-likes (ndarray, Series, tensor, sparse matrix) as a dense numpy array."""
    module = type(value).__module__
    top = module.partition(".")[0]
    if top == "scipy" and hasattr(value, "toarray"):
        return value.toarray()
    if top == "pandas" or top == "numpy" or top == "torch":
        return value
    if isinstance(value, (list, str, bytes, bytearray, dict)) or value is None:
        return value
    if isinstance(value, memoryview):
        return value.tolist()
    try:
        iter(value)
    except TypeError:
        return value
    return list(value)


def as_map(value):
    """A result for a declared Java map: a Series as index -> value, any Mapping as a dict."""
    if type(value) is dict or value is None:
        return value
    pd = sys.modules.get("pandas")
    if pd is not None and isinstance(value, pd.Series):
        return dict(zip(_without_missing(value.index.tolist()),
                        _without_missing(value.tolist())))
    import collections.abc  # noqa: already imported by the interpreter's start-up
    if isinstance(value, collections.abc.Mapping):
        return dict(value.items())
    return value


# ---- Python to Java

def _table(frame, codec, depth):
    index = frame.index
    if not (type(index).__name__ == "RangeIndex" and index.start == 0 and index.step == 1
            and index.name is None):
        frame = frame.reset_index()
    names = [name if type(name) is str else str(name) for name in frame.columns]
    if len(set(names)) != len(names):
        seen = set()
        twice = sorted({name for name in names if name in seen or seen.add(name)})
        raise ValueError("a DataFrame with duplicate column names %s cannot cross to Java as a "
                         "Table" % ", ".join(map(repr, twice)))
    columns = [_column(name, frame.iloc[:, i], codec, depth)
               for i, name in enumerate(names)]
    return {"$t": "table", "v": columns, "rows": len(frame)}


def _column(name, series, codec, depth):
    """One column of a table from a pandas Series."""
    np = sys.modules["numpy"]
    dtype = series.dtype
    if isinstance(dtype, np.dtype):
        column = _array_column(np, series.to_numpy(), codec, depth)
    elif getattr(dtype, "tz", None) is not None:  # datetime64 with a time zone: UTC values
        values = series.dt.tz_convert("UTC").dt.tz_localize(None).to_numpy()
        column = _array_column(np, values, codec, depth)
        column["tz"] = _zone_name(dtype.tz)
    elif dtype.kind in "biuf" and hasattr(dtype, "numpy_dtype"):  # Int64, boolean, Float64
        mask = series.isna().to_numpy()
        fill = False if dtype.kind == "b" else 0
        data = series.to_numpy(dtype=dtype.numpy_dtype, na_value=fill)
        column = _array_column(np, data, codec, depth)
        if mask.any():
            column["mask"] = codec._blob(mask.astype(np.uint8))
    else:  # categorical, string, period, object...
        column = _array_column(np, series.to_numpy(dtype=object), codec, depth)
    if name is not None:
        column["name"] = name
    return column


def _array_column(np, values, codec, depth):
    """A column from a 1-D numpy array."""
    kind = values.dtype.kind
    if values.dtype.name in arrays.DTYPES:
        wire = arrays.from_numpy(values)
        return {"kind": "nd", "dtype": wire.dtype, "data": codec._blob(wire.data)}
    if kind in "Mm":
        unit = np.datetime_data(values.dtype)[0]
        if unit not in _UNITS:  # days, hours, minutes fit seconds; finer than ns does not
            unit = "s" if unit in ("Y", "M", "W", "D", "h", "m") else "ns"
            values = values.astype("%s8[%s]" % (kind, unit))
        ints = np.ascontiguousarray(values.view("<i8"))
        column = {"kind": "dt" if kind == "M" else "td", "unit": unit,
                  "data": codec._blob(memoryview(ints).cast("B"))}
        missing = ints == _INT64_MIN
        if missing.any():
            column["mask"] = codec._blob(missing.astype(np.uint8))
        return column
    if kind == "c":
        return _complex(values)
    if kind == "U":
        return _strings(values.tolist(), None, codec)
    values = values.tolist() if kind == "O" else values.astype(object).tolist()
    missing = [_is_missing(v) for v in values]
    if all(m or type(v) is str for v, m in zip(values, missing)):
        column = _strings(values, missing if any(missing) else None, codec)
        if column is not None:
            return column
    return {"kind": "obj", "v": codec.prepare([None if m else v for v, m in zip(values, missing)],
                                              depth + 1)}


def _strings(values, missing, codec):
    """A string column: one UTF-8 segment and its offsets; None when one cannot be UTF-8."""
    if missing is not None:
        values = ["" if m else v for v, m in zip(values, missing)]
    joined = "".join(values)
    try:
        data = joined.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: JSON escapes it, UTF-8 cannot hold it
        return None
    if len(data) == len(joined):  # ASCII: a character is a byte
        lengths = map(len, values)
    else:
        lengths = (len(v.encode("utf-8")) for v in values)
    offsets = array.array("q", [0])
    offsets.extend(itertools.accumulate(lengths))
    if sys.byteorder == "big":
        offsets.byteswap()
    column = {"kind": "str", "data": codec._blob(data), "offsets": codec._blob(offsets)}
    if missing is not None:
        column["mask"] = codec._blob(bytes(bytearray(missing)))
    return column


def _complex(values):
    """The tag of a value without a Java form: Java fails reading it (PythonConversionException)."""
    return {"$t": "fail", "v": "a %s array of shape %s" % (values.dtype.name, tuple(values.shape))}


def _numpy_array(value, codec, depth):
    np = sys.modules["numpy"]
    kind = value.dtype.kind
    if kind == "c":
        return _complex(value)
    if value.ndim == 0:
        return codec.prepare(value[()] if kind not in "Mm" else _without_missing([value.item()])[0],
                             depth)
    if value.dtype.names is not None:  # a structured array: a table of its fields
        if value.ndim != 1:
            return UNCHANGED
        columns = []
        for name in value.dtype.names:
            column = _array_column(np, value[name], codec, depth)
            if column.get("$t") == "fail":
                return column
            column["name"] = name
            columns.append(column)
        return {"$t": "table", "v": columns, "rows": len(value)}
    if value.ndim > 1:
        return [_numpy_array(row, codec, depth + 1) for row in value]
    if kind in "MmU":
        return {"$t": "col", "v": _array_column(np, value, codec, depth)}
    if kind == "O" or kind == "S":
        return codec.prepare(_without_missing(value.tolist()), depth)
    return UNCHANGED


def _tensor_value(torch, tensor):
    """A tensor as the numpy array (or the scalar) that Java gets: detached, on the CPU."""
    tensor = tensor.detach()
    if tensor.device.type != "cpu":
        tensor = tensor.cpu()
    if tensor.is_complex():
        return tensor.numpy()
    if tensor.dim() == 0:
        return tensor.item()
    if tensor.dtype == torch.bfloat16:  # numpy has no bfloat16: float32 holds each value
        tensor = tensor.float()
    return tensor.numpy()


def _is_missing(value):
    if value is None:
        return True
    t = type(value)
    if t is float:
        return value != value
    module = t.__module__
    if module.startswith("pandas"):
        pd = sys.modules["pandas"]
        return value is pd.NA or value is pd.NaT
    if module == "numpy":
        try:
            return bool(value != value)
        except (TypeError, ValueError):
            return False
    return False


def _without_missing(values):
    """``values`` with pandas' and numpy's missing markers as None (float NaN stays)."""
    return [None if type(v) is not float and _is_missing(v) else v for v in values]


def _zone_name(tz):
    """A time zone as Java's ZoneId reads it: a region name, 'UTC' or an offset."""
    for attribute in ("key", "zone"):  # zoneinfo, pytz
        name = getattr(tz, attribute, None)
        if type(name) is str:
            return name
    offset = tz.utcoffset(None)
    if offset is None:
        return str(tz)
    seconds = int(offset.total_seconds())
    if seconds == 0:
        return "UTC"
    sign = "-" if seconds < 0 else "+"
    seconds = abs(seconds)
    return "%s%02d:%02d" % (sign, seconds // 3600, seconds // 60 % 60)


# ---- Java to Python

def _raw_column(column, segments):
    """A column Java sent, as a numpy array and its mask (None when nothing is missing)."""
    np = _numpy()
    kind = column.get("kind")
    mask = column.get("mask")
    if mask is not None:
        mask = np.frombuffer(_segment(segments, mask), dtype=np.uint8).astype(bool)
        if not mask.any():
            mask = None
    if kind == "nd":
        dtype = column.get("dtype")
        if dtype not in arrays.DTYPES:
            raise ValueError("unknown column dtype %r" % (dtype,))
        wire = np.dtype(dtype).newbyteorder("<")
        values = np.frombuffer(_segment(segments, column["data"]), dtype=wire)
        return (values if wire.isnative else values.astype(wire.newbyteorder("="))), mask
    if kind == "str":
        data = bytes(_segment(segments, column["data"]))
        offsets = array.array("q")
        offsets.frombytes(_segment(segments, column["offsets"]))
        if sys.byteorder == "big":
            offsets.byteswap()
        text = data.decode("utf-8")
        if len(text) == len(data):
            strings = [text[a:b] for a, b in zip(offsets, offsets[1:])]
        else:
            strings = [data[a:b].decode("utf-8") for a, b in zip(offsets, offsets[1:])]
        if mask is not None:
            strings = [None if m else s for s, m in zip(strings, mask.tolist())]
        values = np.empty(len(strings), dtype=object)
        values[:] = strings
        return values, None
    if kind == "dt" or kind == "td":
        unit = column.get("unit")
        if unit not in _UNITS:
            raise ValueError("unknown time unit %r" % (unit,))
        ints = np.frombuffer(_segment(segments, column["data"]), dtype="<i8").astype("i8")
        if mask is not None:
            ints[mask] = _INT64_MIN
        return ints.view("%s8[%s]" % ("M" if kind == "dt" else "m", unit)), None
    if kind == "obj":
        values = np.empty(len(column["v"]), dtype=object)
        values[:] = column["v"]
        return values, None
    raise ValueError("unknown column kind %r" % (kind,))


def decode_column(column, segments):
    """A column Java sent, as the numpy or pandas array of its DataFrame column."""
    values, mask = _raw_column(column, segments)
    if mask is not None:  # a missing number or boolean: pandas' nullable dtypes (NaN for floats)
        pd = _pandas()
        if values.dtype.kind == "f":
            values = values.copy()
            values[mask] = float("nan")
        elif values.dtype.kind == "b":
            values = pd.arrays.BooleanArray(values.copy(), mask)
        else:
            values = pd.arrays.IntegerArray(values.copy(), mask)
    tz = column.get("tz")
    if tz is not None:
        pd = _pandas()
        return pd.DatetimeIndex(values).tz_localize("UTC").tz_convert(_zone(tz)).array
    return values


def decode_table(payload, rows, segments):
    """A table Java sent, as a DataFrame."""
    pd = _pandas()
    if type(payload) is not list:
        raise ValueError("a table's columns must be a list")
    data = {}
    for column in payload:
        values = decode_column(column, segments)
        if len(values) != rows:
            raise ValueError("column %r has %d values, its table %d rows"
                             % (column.get("name"), len(values), rows))
        data[column["name"]] = values
    return pd.DataFrame(data, index=pd.RangeIndex(rows), copy=False)


class PendingRows:
    """A list of records that Java sent columnar, until the parameter it goes to is known:
    a DataFrame for a parameter annotated ``pandas.DataFrame``, else a list of dicts."""

    __slots__ = ("columns", "rows", "segments")

    def __init__(self, columns, rows, segments):
        self.columns = columns
        self.rows = rows
        self.segments = segments

    def frame(self):
        return decode_table(self.columns, self.rows, self.segments)

    def dicts(self):
        names = [column["name"] for column in self.columns]
        values = [_python_values(column, self.segments) for column in self.columns]
        return [dict(zip(names, row)) for row in zip(*values)] if names else [{}] * self.rows


def _python_values(column, segments):
    """A column as the Python values that JSON would have given, missing ones None."""
    values, mask = _raw_column(column, segments)
    kind = column.get("kind")
    if kind == "dt" or kind == "td":
        if column.get("tz") is not None:
            import datetime
            zone = _zone(column["tz"])
            if type(zone) is str:
                zone = _pandas().Timestamp(0, tz=zone).tzinfo
            utc = values.astype("M8[us]").tolist()
            return [None if v is None else v.replace(tzinfo=datetime.timezone.utc).astimezone(zone)
                    for v in utc]
        return values.astype("%s8[us]" % ("M" if kind == "dt" else "m")).tolist()
    items = values.tolist()
    if mask is not None:
        items = [None if m else v for v, m in zip(items, mask.tolist())]
    return items


_frame_params = {}


def bind_rows(fn, request):
    """Replaces the PendingRows among a request's arguments: a DataFrame where ``fn``'s
    parameter is annotated ``pandas.DataFrame``, a list of dicts elsewhere."""
    args = request.get("args") or []
    kw = request.get("kw") or {}
    frames = _frame_parameters(fn)
    names = None
    if frames:
        import inspect
        try:
            names = list(inspect.signature(fn).parameters)
        except (TypeError, ValueError):
            names = None
    for i, value in enumerate(args):
        if type(value) is PendingRows:
            name = names[i] if names is not None and i < len(names) else None
            args[i] = value.frame() if name in frames else value.dicts()
    for key, value in kw.items():
        if type(value) is PendingRows:
            kw[key] = value.frame() if key in frames else value.dicts()


def _frame_parameters(fn):
    """The names of ``fn``'s parameters annotated ``pandas.DataFrame`` (read once per function)."""
    key = getattr(fn, "__func__", fn)
    try:
        return _frame_params[key]
    except KeyError:
        pass
    except TypeError:  # unhashable callable
        return frozenset()
    annotations = getattr(key, "__annotations__", None)
    if annotations is None and isinstance(fn, type):
        annotations = getattr(fn.__init__, "__annotations__", None)
    names = frozenset(name for name, hint in (annotations or {}).items()
                      if name != "return" and _is_frame_hint(hint))
    _frame_params[key] = names
    return names


def _is_frame_hint(hint):
    if type(hint) is str:  # postponed annotations: pd.DataFrame, pandas.DataFrame, DataFrame
        hint = hint.replace("Optional[", "").rstrip("]")
        return hint.rpartition(".")[2] == "DataFrame"
    if getattr(hint, "__name__", None) == "DataFrame":
        return str(getattr(hint, "__module__", "")).startswith("pandas")
    return any(_is_frame_hint(arg) for arg in getattr(hint, "__args__", ()))  # Optional, Union


def _segment(segments, index):
    if type(index) is not int or segments is None or not 0 <= index < len(segments):
        raise ValueError("a column refers to binary segment %r, which its frame does not have"
                         % (index,))
    return segments[index]


def _nullable(dtype):
    if dtype.kind == "b":
        return "boolean"
    if dtype.kind == "f":
        return "Float64" if dtype.itemsize == 8 else "Float32"
    return ("UInt%d" if dtype.kind == "u" else "Int%d") % (dtype.itemsize * 8)


def _zone(name):
    if name == "UTC" or name == "Z":
        import datetime
        return datetime.timezone.utc
    if name[:1] in "+-":
        import datetime
        hours, _, minutes = name[1:].partition(":")
        offset = datetime.timedelta(hours=int(hours), minutes=int(minutes or 0))
        return datetime.timezone(-offset if name[0] == "-" else offset)
    return name


def _numpy():
    return _import_for_tables("numpy")


def _pandas():
    return _import_for_tables("pandas")


def _import_for_tables(name):
    """numpy or pandas, which a Table needs; an ImportError that says what to install."""
    try:
        return __import__(name)
    except ImportError as exc:
        raise ImportError("Java sent a Table or rows for a DataFrame, but %s cannot be imported "
                          "in the worker's Python (%s): %s. Install pandas for that interpreter."
                          % (name, sys.executable, exc)) from None


def frame_argument(hint):
    """The converter of an argument annotated ``pandas.DataFrame``: records sent as columns,
    a list of dicts (rows) or a dict of lists (columns) become a DataFrame; a DataFrame (a
    Table that Java sent) passes as it is."""
    def to_frame(value):
        if type(value) is PendingRows:
            return value.frame()
        pd = _pandas()
        if value is None or isinstance(value, pd.DataFrame):
            return value
        if isinstance(value, (list, tuple, dict)):
            return pd.DataFrame(value)
        raise TypeError("a %s cannot become a pandas.DataFrame: send a Table, records or maps"
                        % type(value).__name__)
    return to_frame
