"""Small arrays, as a model that serves one request at a time sees them."""

import numpy


def head(x):
    """A 1x16 array in, its first four columns doubled out."""
    return x[:, :4] * 2


def echo(x):
    return x


def weighted(x, weight, scale):
    return x * weight * scale


def made(dtype, shape):
    """0, 1, 2... of numpy's ``dtype`` (modulo 100, so every dtype holds them) in ``shape``."""
    size = 1
    for n in shape:
        size *= n
    return (numpy.arange(size) % 100).astype(dtype).reshape(shape)


def every_other(n):
    """A strided view: 0, 2, 4... as float32 (not C-contiguous)."""
    return numpy.arange(2 * n, dtype=numpy.float32)[::2]


def seen(x):
    """What Python received: dtype, shape, values as floats, and whether it may write."""
    return {"dtype": str(x.dtype), "shape": list(x.shape), "values": [float(v) for v in x.reshape(-1)],
            "writeable": bool(x.flags.writeable)}
