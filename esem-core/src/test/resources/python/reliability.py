"""Functions for the reliability tests: queued calls, streams, callbacks, imports."""

import os
import time

_ran = []


def record(tag):
    """Notes that a call ran, so a test can tell whether a request ever started."""
    _ran.append(tag)
    return tag


def recorded():
    return list(_ran)


def record_when_open(path, tag):
    """Waits until the file ``path`` exists (a gate the test opens), then records."""
    while not os.path.exists(path):
        time.sleep(0.005)
    return record(tag)


def sleep(seconds):
    time.sleep(seconds)
    return seconds


async def async_add(a, b):
    import asyncio
    await asyncio.sleep(0.01)
    return a + b


def call_java(fn, *args):
    """Calls a Java function and returns what it returned."""
    return fn(*args)


def blobs(sizes):
    """One item of bytes per size, item i filled with i % 256."""
    for i, size in enumerate(sizes):
        yield bytes([i % 256]) * size


def worker_home():
    """The directory that holds the worker package this worker runs from."""
    import esem_worker
    return os.path.dirname(os.path.dirname(esem_worker.__file__))


def yield_then_hold(digits):
    """Yields one item, then holds the GIL in one long C call."""
    yield 1
    yield pow(3, digits).bit_length()


def huge_empty():
    """A zero-size array with a dimension of 2**31."""
    import numpy
    return numpy.zeros((0, 2 ** 31), dtype=numpy.int8)


def getenv(name):
    return os.environ.get(name)


def echo_size(data):
    return len(data)
