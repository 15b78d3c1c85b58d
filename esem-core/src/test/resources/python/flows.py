"""Fixture: generators, async work and runaway calls for the streams and timeout tests."""
import asyncio
import time

closed = []
cancelled = []


def count(n):
    for i in range(n):
        yield i


def forever():
    i = 0
    try:
        while True:
            yield i
            i += 1
    finally:
        closed.append("forever")


def slow(n, delay):
    for i in range(n):
        time.sleep(delay)
        yield i


def fails_after(n):
    for i in range(n):
        yield i
    raise ValueError("broken after %d" % n)


async def acount(n, delay=0.0):
    for i in range(n):
        await asyncio.sleep(delay)
        yield i


async def nap(seconds, value=None):
    try:
        await asyncio.sleep(seconds)
    except asyncio.CancelledError:
        cancelled.append(value)
        raise
    return value


def spin_forever():
    while True:
        pass


def sleep(seconds):
    time.sleep(seconds)
    return seconds


def closed_names():
    return list(closed)


def cancelled_values():
    return list(cancelled)


class Bag:
    """An iterable object: streams by iter()."""

    def __init__(self, *items):
        self.items = list(items)

    def __iter__(self):
        return iter(self.items)


def dies_after(n):
    """Yields slowly (one item a batch), then the worker dies."""
    import os
    for i in range(n):
        time.sleep(0.05)
        yield i
    os._exit(9)


def hold_gil(digits):
    """One long C call that holds the GIL."""
    return pow(3, digits).bit_length()


async def nap_then(seconds, value):
    await asyncio.sleep(seconds)
    return value


order = []


def note(value):
    order.append(value)
    return list(order)
