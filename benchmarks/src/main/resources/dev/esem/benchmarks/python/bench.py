"""The module the esem benchmarks call."""


def add(a, b):
    return a + b


def echo(value):
    return value


def length(values):
    return len(values)


_FLOATS = {}


def floats(n):
    """A list of n floats, as numpy's tolist() gives them (made once per n)."""
    if n not in _FLOATS:
        _FLOATS[n] = [i * 0.5 for i in range(n)]
    return _FLOATS[n]


def burn(n):
    """CPU-bound work: about n loop iterations of pure Python."""
    total = 0
    for i in range(n):
        total += i * i
    return total


def text_of_size(size):
    """ASCII text of exactly ``size`` characters (the Java side builds the same)."""
    unit = "the quick brown fox jumps over the lazy dog 0123456789 "
    return (unit * (size // len(unit) + 1))[:size]


class Counter:
    def __init__(self, start=0):
        self.total = start

    def add(self, value):
        self.total += value
        return self.total
