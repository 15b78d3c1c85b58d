"""Dynamic batching: one call of a function with the items of many callers.

The Java side gathers the items of concurrent calls and sends one ``batch`` request;
the function gets them as one list (or one ndarray stacking them) and must return a
sequence of as many results, result ``i`` for item ``i``. The reply splits that
sequence back into items::

    {"items": [r0, r1, ...], "errors": [[i, type, message, traceback], ...]}

A result item that is an exception instance fails its own caller alone (its slot in
``items`` is None and ``errors`` says why). A function that raises, or returns no
sequence, or a sequence of the wrong length, fails the whole batch with one error
that names the function, the batch size and what came back.
"""

import inspect

from .errors import format_all, message

__all__ = ["run_batch"]

_NOT_SEQUENCES = (str, bytes, bytearray, dict, set, frozenset)


def run_batch(fn, name, items):
    """Calls ``fn(items)`` and splits its result; ``name`` is for error messages."""
    size = len(items)
    result = fn(items)
    if inspect.isawaitable(result):
        close = getattr(result, "close", None)
        if close is not None:
            close()
        raise TypeError("batched function %s returned an awaitable for a batch of %d items: "
                        "batching takes plain functions" % (name, size))
    values = _as_list(result)
    if values is None:
        raise TypeError("batched function %s got a batch of %d items and returned %s, which is "
                        "not a sequence: it must return one result per item"
                        % (name, size, _describe(result)))
    if len(values) != size:
        raise ValueError("batched function %s got a batch of %d items and returned %s of %d: "
                         "it must return one result per item" % (name, size, _describe(result), len(values)))
    errors = []
    for i, value in enumerate(values):
        if isinstance(value, BaseException):
            errors.append([i, type(value).__name__, message(value), format_all(value)])
            values[i] = None
    return {"items": values, "errors": errors}


def _as_list(result):
    """The items of a sequence result as a list, or None when it is no sequence. A
    one-dimensional array, Series or Tensor gives plain Python numbers."""
    if result is None or isinstance(result, _NOT_SEQUENCES):
        return None
    if getattr(result, "ndim", None) == 0:
        return None
    tolist = getattr(result, "tolist", None)
    if tolist is not None and getattr(result, "ndim", None) == 1:
        return list(tolist())
    if not hasattr(result, "__len__") or not hasattr(result, "__iter__"):
        return None
    return list(result)


def _describe(result):
    text = repr(result)
    if len(text) > 80:
        text = text[:77] + "..."
    return "%s %s" % (type(result).__name__, text)

