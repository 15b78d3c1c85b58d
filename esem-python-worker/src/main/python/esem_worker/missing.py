"""The missing-value markers of pandas and numpy, which cross to Java as ``null``.

``pandas.NaT`` (a ``datetime`` subclass whose ``isoformat()`` is ``'NaT'``),
``pandas.NA`` and numpy's ``NaT`` (``datetime64('NaT')``, ``timedelta64('NaT')``)
are told by their class's module and name: neither pandas nor numpy is imported
to recognise them.
"""

__all__ = ["is_missing"]

_PANDAS_MARKERS = frozenset(("NaTType", "NAType"))
_NUMPY_TIMES = frozenset(("datetime64", "timedelta64"))


def is_missing(value):
    """Whether ``value`` is pandas' ``NaT`` or ``NA``, or a numpy ``NaT``."""
    cls = type(value)
    module = cls.__module__
    if module.startswith("pandas"):
        return cls.__name__ in _PANDAS_MARKERS
    if module == "numpy" and cls.__name__ in _NUMPY_TIMES:
        return value != value  # only NaT is unequal to itself
    return False
