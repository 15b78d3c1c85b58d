"""Fixtures of the serving tests: a model replicated on every worker, batched functions."""

import os
import time

# The batch sizes this worker saw, in order.
batch_sizes = []


class Model:
    """A 'trained' model: built once per replica, read by its calls."""

    def __init__(self, scale, broken_if_exists=None):
        if broken_if_exists and os.path.exists(broken_if_exists):
            raise RuntimeError("the model file is corrupt")
        self.scale = scale
        self.calls = 0

    def predict(self, x):
        self.calls += 1
        return x * self.scale

    def pid(self):
        return os.getpid()

    def slow_pid(self, seconds):
        time.sleep(seconds)
        return os.getpid()

    def predict_batch(self, xs):
        batch_sizes.append(len(xs))
        return [[os.getpid(), x * self.scale] for x in xs]


def seen_batches():
    return batch_sizes


def double(items):
    batch_sizes.append(len(items))
    return [2 * x for x in items]


def slow_double(items, seconds=0.3):
    time.sleep(seconds)
    return double(items)


def row_sums(batch):
    batch_sizes.append(len(batch))
    return batch.sum(axis=1)


def describe(batch):
    return ["%s%s" % (type(batch).__name__, tuple(getattr(batch, "shape", ()))) for _ in batch]


def checked(items):
    return [ValueError("negative input %d" % x) if x < 0 else x * 10 for x in items]


def explode(items):
    raise RuntimeError("the model exploded on %d items" % len(items))


def short(items):
    return items[:-1]


def scalar(items):
    return 42


_gate = []


def set_gate(path):
    _gate[:] = [path]


def gated_double(items):
    """Waits until the file set by ``set_gate`` exists (or 10 s), then doubles."""
    deadline = time.monotonic() + 10
    while not os.path.exists(_gate[0]) and time.monotonic() < deadline:
        time.sleep(0.01)
    return double(items)


class Shortening:
    def predict(self, items):
        return items[:-1]
