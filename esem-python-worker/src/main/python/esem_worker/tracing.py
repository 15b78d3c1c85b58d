"""The trace a request belongs to, for the log records written while serving it.

A request may carry ``tp``, the W3C ``traceparent`` of the Java span around the call
(``00-<trace id>-<span id>-<flags>``). While the call runs, plain or as a task, the
ids are in a context variable, so records that its code logs, in its tasks too (a task
copies the context it was started in), carry ``trace`` and ``span``. A request
without ``tp`` costs one dictionary lookup.
"""

import contextvars

__all__ = ["current", "enter", "leave"]

_trace = contextvars.ContextVar("esem_trace", default=None)


def current():
    """``(trace id, span id)`` of the call being served here, or None."""
    return _trace.get()


def enter(traceparent):
    """Makes ``traceparent`` the current trace; returns what to give :func:`leave`, or
    None when it is not a W3C traceparent (then nothing changes)."""
    parts = traceparent.split("-") if type(traceparent) is str else ()
    if len(parts) < 4 or len(parts[1]) != 32 or len(parts[2]) != 16:
        return None
    return _trace.set((parts[1], parts[2]))


def leave(token):
    if token is not None:
        _trace.reset(token)
