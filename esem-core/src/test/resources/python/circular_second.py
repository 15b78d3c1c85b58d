"""Imported by ``circular_first``, which it imports back."""

import circular_first


def use():
    return circular_first.helper()
