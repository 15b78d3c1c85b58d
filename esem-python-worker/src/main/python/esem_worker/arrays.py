"""numpy values on the wire. numpy is imported only when Java sends an array.

An ``ndarray`` of a bool, int, uint or float dtype travels as its raw data, little
endian and in C order, with its dtype name and shape; a 0-d array and a numpy scalar
travel as the Python builtin they stand for. Arrays of strings, datetimes, records and
complex numbers are ``tables``' concern; a masked array (whose mask would be lost)
stays a Python object and travels as a ref.
"""

import sys

__all__ = ["DTYPES", "SMALL_BYTES", "UNCHANGED", "WireArray", "from_numpy", "is_small", "to_numpy"]

# numpy's names of the dtypes that cross, as ``dtype.name`` spells them.
DTYPES = frozenset(("bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32",
                    "uint64", "float16", "float32", "float64"))

# The largest dimension Java's NDArray holds (its shape is an int[]).
_MAX_DIMENSION = 2 ** 31 - 1

# An array of at most this many bytes is small: see is_small.
SMALL_BYTES = 4096

# What from_numpy returns for a value it does not convert.
UNCHANGED = object()

# dtype -> its wire name, for the dtypes that cross as they are (native little-endian);
# numpy computes dtype.name in Python, which costs more than a small array's crossing.
_NATIVE_NAMES = {}
# wire name -> the little-endian dtype it reads as
_WIRE_DTYPES = {}


class WireArray:
    """An array ready to send: dtype name, shape, and its bytes (a buffer, not copied)."""

    __slots__ = ("dtype", "shape", "data")

    def __init__(self, dtype, shape, data):
        self.dtype = dtype
        self.shape = shape
        self.data = data


def from_numpy(value):
    """A numpy scalar or 0-d array as its builtin, an ndarray as a WireArray, else UNCHANGED.

    Costs a dict lookup for values that are not numpy's: no numpy value can exist
    before numpy was imported by someone.
    """
    np = sys.modules.get("numpy")
    if np is None:
        return UNCHANGED
    if isinstance(value, np.generic):
        return _builtin(np, value)
    if type(value) is np.ndarray:  # the usual case, without a subclass: a dict lookup
        name = _NATIVE_NAMES.get(value.dtype)
        if name is not None and value.ndim and value.size and value.flags.c_contiguous:
            return WireArray(name, list(value.shape), memoryview(value).cast("B"))
    if not isinstance(value, np.ndarray) or _is_masked(value):
        return UNCHANGED
    dtype = value.dtype
    if dtype.name not in DTYPES:
        return UNCHANGED
    if value.ndim == 0:
        return _builtin(np, value[()])
    if max(value.shape) > _MAX_DIMENSION:  # possible when another dimension is 0
        raise ValueError("an array of shape %s cannot cross to Java: an NDArray dimension is at most %d"
                         % (tuple(value.shape), _MAX_DIMENSION))
    little = dtype.newbyteorder("<")
    if dtype != little:
        value = value.astype(little)
    elif sys.byteorder == "little" and dtype.isnative:
        _NATIVE_NAMES[dtype] = dtype.name
    # copies only when it must: a strided view or Fortran order becomes C order
    value = np.ascontiguousarray(value)
    data = memoryview(value.reshape(-1).view(np.uint8))
    return WireArray(dtype.name, list(value.shape), data)


def is_small(value, wire):
    """Whether ``value``, which :func:`from_numpy` made into ``wire``, is a small array: a
    plain ndarray of a native little-endian dtype and of at most SMALL_BYTES bytes, so
    that ``value.tobytes()`` (C order, whatever its layout) is its wire data; the same
    holds for every array of its type, dtype and shape. For such an array a copy of its
    data costs less than the memoryview that would lend it."""
    np = sys.modules["numpy"]
    return (type(value) is np.ndarray and 0 < len(wire.data) <= SMALL_BYTES
            and _NATIVE_NAMES.get(value.dtype) is not None)


def _is_masked(array):
    ma = sys.modules.get("numpy.ma")  # imported by numpy on first use only
    return ma is not None and isinstance(array, ma.MaskedArray)


def _builtin(np, scalar):
    if isinstance(scalar, np.bool_):
        return bool(scalar)
    if isinstance(scalar, np.integer):
        return int(scalar)
    if isinstance(scalar, np.floating) and scalar.dtype.name in DTYPES:
        return float(scalar)
    return UNCHANGED


def to_numpy(dtype, shape, data):
    """The ``numpy.ndarray`` for an array Java sent; ``data`` is a writable buffer it keeps."""
    try:
        import numpy as np
    except ImportError as exc:
        raise ImportError("Java sent an NDArray, but numpy cannot be imported in the worker's "
                          "Python (%s): %s. Install numpy for that interpreter."
                          % (sys.executable, exc)) from None
    wire = _WIRE_DTYPES.get(dtype)
    if wire is None:
        if dtype not in DTYPES:
            raise ValueError("unknown NDArray dtype %r" % (dtype,))
        wire = _WIRE_DTYPES[dtype] = np.dtype(dtype).newbyteorder("<")
    if type(shape) is not list:
        raise ValueError("bad NDArray shape %r" % (shape,))
    size = 1
    for n in shape:  # one loop checks and multiplies: a small array's crossing is made of such steps
        if type(n) is not int or n < 0:
            raise ValueError("bad NDArray shape %r" % (shape,))
        size *= n
    if len(data) != size * wire.itemsize:
        raise ValueError("NDArray of shape %s and dtype %s needs %d bytes, got %d"
                         % (shape, dtype, size * wire.itemsize, len(data)))
    # the array over the buffer in one step, as np.frombuffer(data, wire).reshape(shape)
    # gives it in two (same data, shape and flags; the buffer is its base)
    array = np.ndarray(shape, dtype=wire, buffer=data)
    return array if wire.isnative else array.astype(wire.newbyteorder("="))
