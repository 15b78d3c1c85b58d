"""Python exceptions as the ``err`` member of a reply (or the ``exc`` of a log event),
keeping their structure: the class's MRO, the message, the traceback, and the chain of
exceptions it was raised from, each with its own traceback::

    {"type": "ValidationError", "types": ["pydantic_core.ValidationError", "ValueError",
     "Exception", "BaseException"], "message": "...", "traceback": "...",
     "cause": {"type": "KeyError", ...}}

An exception that a frame over the size limit caused says so with ``"limit": "frame"``.

A link of the chain that is a Java exception thrown by a Java function that Python
called says so with ``java`` (its id on the Java side) and ends the chain there: the
Java exception itself is the root cause.
"""

from .callbacks import JavaException
from .framing import is_frame_too_large

__all__ = ["describe", "python_types", "chained"]

# How many exceptions of a chain travel; a longer chain is cut. Each exception behind the
# first gets a quarter of its room for text, so a whole chain fits in 6 times that room.
_MAX_CHAIN = 8


def python_types(cls):
    """The class's MRO, most specific first, ``object`` left out; qualified by module
    (``pydantic_core.ValidationError``) except for builtins (``ValueError``)."""
    types = []
    for klass in cls.__mro__:
        if klass is object:
            continue
        module = getattr(klass, "__module__", None)
        name = getattr(klass, "__qualname__", klass.__name__)
        types.append(name if module in (None, "builtins") else "%s.%s" % (module, name))
    return types


def chained(exc):
    """What ``exc`` was raised from: ``__cause__``, else ``__context__`` unless suppressed."""
    if exc.__cause__ is not None:
        return exc.__cause__
    if exc.__suppress_context__:
        return None
    return exc.__context__


def describe(exc, cut, limit, traceback_text=None):
    """The description of ``exc`` and its chain; ``cut(text, n)`` shortens a text to ``n``
    characters, ``limit`` for the top exception's texts. ``traceback_text`` is its
    traceback, when the caller formatted it already (chain included, as Python prints it)."""
    top = _one(exc, lambda text: cut(text, limit),
               traceback_text if traceback_text is not None else format_all(exc))
    cut_cause = lambda text: cut(text, max(64, limit // 4))  # noqa: E731
    link = top
    seen = {id(exc)}
    cause = chained(exc)
    while cause is not None and "java" not in link and len(seen) < _MAX_CHAIN and id(cause) not in seen:
        seen.add(id(cause))
        link["cause"] = _one(cause, cut_cause, _format_own(cause))
        link = link["cause"]
        cause = chained(cause)
    return top


def _one(exc, cut, text):
    described = {"type": type(exc).__name__, "types": python_types(type(exc)),
                 "message": cut(message(exc)), "traceback": cut(text)}
    if is_frame_too_large(exc):
        described["limit"] = "frame"
    if isinstance(exc, JavaException) and exc.java_ref is not None:
        described["java"] = exc.java_ref
    return described


def message(exc):
    try:
        return str(exc)
    except BaseException:
        return "<unprintable %s object>" % type(exc).__name__


def format_all(exc, tb=None):
    """The traceback text as Python prints it, its chain included."""
    try:
        import traceback  # on the first error: most workers start and serve without one
        return "".join(traceback.format_exception(
            type(exc), exc, exc.__traceback__ if tb is None else tb))
    except BaseException:
        return "%s: %s\n" % (type(exc).__name__, message(exc))


def _format_own(exc):
    """The traceback text of ``exc`` alone, without the exceptions it was chained to."""
    try:
        import traceback
        return "".join(traceback.format_exception(type(exc), exc, exc.__traceback__, chain=False))
    except BaseException:
        return "%s: %s\n" % (type(exc).__name__, message(exc))
