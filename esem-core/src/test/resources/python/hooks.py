"""Fixture: Python code that takes Java functions."""
import gc

kept = []


def apply(fn, value):
    return fn(value)


def catch(fn):
    try:
        fn(1)
    except Exception as exc:
        return "%s: %s" % (type(exc).__name__, exc)
    return "nothing raised"


def keep(fn):
    kept.append(fn)
    return len(kept)


def call_kept(value):
    return [fn(value) for fn in kept]


def forget():
    kept.clear()
    gc.collect()
    return True


def echo(value):
    return value


def call_with_keyword(fn):
    return fn(value=1)


def progress(report, steps):
    """A training loop that reports progress to a Java function."""
    for step in range(1, steps + 1):
        report(step)
    return steps


def sort_by(items, key):
    return sorted(items, key=key)


def nested(depth, down):
    """Calls the Java function ``down`` with the depth left; it calls back in here."""
    if depth == 0:
        return 0
    return 1 + down(depth - 1)


listeners = []


def register(listener):
    listeners.append(listener)
    return len(listeners)


def fire(event):
    return [listener(event) for listener in listeners]


def clear():
    listeners.clear()
    gc.collect()
    return True


def call_each(functions):
    return [f() for f in functions]


def raise_through(fn):
    fn(1)


def apply_job(job, value):
    """A record or map that carries a Java function."""
    return job["step"](value)


class Box:
    """A plain object, to pass to Java as a handle."""


def object_round_trip(fn):
    """Java gets a handle to a Python object and returns it: Python gets the object itself."""
    box = Box()
    return fn(box) is box


def bulk_argument(fn, size):
    """Bytes large enough to travel beside the frame."""
    return fn(b"\x07" * size)
