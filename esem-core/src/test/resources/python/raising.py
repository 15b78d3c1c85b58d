"""Fixture module for the tests of how failures read from Java."""


def outer(value):
    return inner(value)


def inner(value):
    raise ValueError("bad value %r" % (value,))


class Fragile:
    """An object whose methods fail."""

    def explode(self):
        raise RuntimeError("exploded")
