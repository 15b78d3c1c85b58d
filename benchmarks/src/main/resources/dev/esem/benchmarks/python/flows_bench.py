"""The module the streams, async and callback benchmarks call."""
import asyncio


def numbers(n):
    """A generator of ``n`` ints, to stream."""
    yield from range(n)


def number_list(n):
    """The same ints as one list."""
    return list(range(n))


async def nap(seconds):
    await asyncio.sleep(seconds)
    return seconds


def add(a, b):
    return a + b


def apply(fn, value):
    """Calls a Java function once."""
    return fn(value)
