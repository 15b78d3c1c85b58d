"""Imports a module that imports this one back; its first import takes a while, so a
timeout can interrupt it after ``helper`` is defined and before ``LIMIT`` is."""

import builtins
import time

import circular_second


def helper():
    return LIMIT


def run():
    return circular_second.use()


if not getattr(builtins, "_esem_circular_first_seen", False):
    builtins._esem_circular_first_seen = True
    time.sleep(3)

LIMIT = 10
