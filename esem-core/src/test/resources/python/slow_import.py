"""A module whose first import takes a while, so a timeout can interrupt it; later
imports are quick."""

import builtins
import time

if not getattr(builtins, "_esem_slow_import_seen", False):
    builtins._esem_slow_import_seen = True
    time.sleep(3)


def answer():
    return 42
