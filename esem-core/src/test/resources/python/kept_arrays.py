"""Keeps what it receives, to check that nothing a call handed over changes afterwards."""

kept = []


def keep(array):
    kept.append(array)
    return len(kept)


def kept_sum(index):
    return float(kept[index].sum())


def filled(n, value):
    import numpy
    return numpy.full(n, value, dtype="float64")


_returned = []


def returned_then_changed(n):
    """Returns an array and keeps it, so that the next call can change it in place."""
    import numpy
    array = numpy.arange(n, dtype="float64")
    _returned.append(array)
    return array


def change_returned():
    _returned[-1][:] = -1.0
    return None


def total(array):
    """Reads an array without keeping it."""
    return float(array.sum())


def keep_and_return(array):
    """Keeps the array it received and returns that same array."""
    kept.append(array)
    return array


def change_kept(index):
    kept[index][:] = -1.0
    return float(kept[index].sum())
