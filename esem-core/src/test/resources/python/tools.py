"""Fixture module for the esem core tests."""
import asyncio
import logging
import os
import sys
import time

GREETING = "hello"
VERSION = (1, 2)
_private = 1

log = logging.getLogger("tools")


def add(a, b):
    """Adds two numbers."""
    return a + b


def echo(value):
    return value


def type_name(value):
    return type(value).__name__


def describe(value):
    """repr() of the value as Python sees it."""
    return repr(value)


def power(base, exponent=2, *, modulo=None):
    result = base ** exponent
    return result % modulo if modulo else result


def fail(message):
    raise ValueError(message)


def exit_now(code=3):
    sys.exit(code)


def noisy(text):
    print(text)
    sys.stdout.write(text + "\n")
    os.write(1, (text + "\n").encode())
    print(text, file=sys.stderr)
    return text


def read_input():
    try:
        return input()
    except EOFError:
        return "EOF"


def read_stdin():
    return sys.stdin.read()


def log_warning(message):
    log.warning(message)
    return True


async def slow_add(a, b, delay=0.01):
    await asyncio.sleep(delay)
    return a + b


def sleep(seconds):
    time.sleep(seconds)
    return seconds


def hold_gil(digits):
    """One long C call that holds the GIL: a power of 3 with about ``digits`` bits."""
    return pow(3, digits).bit_length()


_bumps = 0


def bump():
    """Counts its calls, so a test can tell whether a request ever ran."""
    global _bumps
    _bumps += 1
    return _bumps


def sleep_pid(seconds):
    time.sleep(seconds)
    return os.getpid()


def spin_timed(iterations):
    """Spins; returns [pid, start, end] with wall-clock times, to tell whether calls overlapped."""
    start = time.time()
    spin(iterations)
    return [os.getpid(), start, time.time()]


def crash_leaving_child(child_seconds=5):
    """Forks with the C library's fork (no Python at-fork hooks run), so the child keeps
    every inherited descriptor open for a while; then the worker dies at once."""
    import ctypes
    if ctypes.CDLL(None).fork() == 0:
        time.sleep(child_seconds)
        os._exit(0)
    os._exit(3)


def spin(iterations):
    total = 0
    for i in range(iterations):
        total += i
    return total


def crash(code=7):
    os._exit(code)


def pid():
    return os.getpid()


def nested(depth):
    value = []
    for _ in range(depth):
        value = [value]
    return value


def big_string(size):
    return "x" * size


def same(a, b):
    return a is b


def make_point(x, y):
    return {"x": x, "y": y}


def counter_total(counter):
    return counter.total


def function_object():
    return add


class Calculator:
    """A stateful calculator."""

    def __init__(self, start=0):
        self.total = start

    def add(self, value):
        self.total += value
        return self.total

    def multiply(self, value):
        self.total *= value
        return self.total

    async def add_later(self, value):
        await asyncio.sleep(0.001)
        self.total += value
        return self.total

    def me(self):
        return self

    def _hidden(self):
        return "hidden"

    def __getattr__(self, name):
        if name == "dynamic":
            return lambda: "dynamic " + str(self.total)
        raise AttributeError(name)


_shared = Calculator(100)


def shared_calculator():
    return _shared


class Broken:
    def __init__(self):
        raise RuntimeError("cannot build")


def byte_size(data):
    return [type(data).__name__, len(data)]


def numbers(kind, count):
    if kind == "float":
        return [i * 0.25 for i in range(count)]
    if kind == "big":
        return [2 ** 40 + i for i in range(count)]
    return [i - count // 2 for i in range(count)]


def list_of(value, count):
    return [value] * count


def element_types(values):
    return sorted({type(v).__name__ for v in values})
