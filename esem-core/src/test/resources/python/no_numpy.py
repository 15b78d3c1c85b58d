"""Fixture module: makes numpy unimportable in this worker, as if it were not installed."""
import sys


def hide_numpy():
    if "numpy" in sys.modules:
        raise RuntimeError("numpy is imported already")
    sys.modules["numpy"] = None  # `import numpy` now raises ImportError


def echo(value):
    return value


def loaded(module):
    return sys.modules.get(module) is not None
