"""A module whose first import fails halfway, after defining one name."""

import builtins


def before():
    return "before"


if not getattr(builtins, "_esem_failing_import_seen", False):
    builtins._esem_failing_import_seen = True
    raise RuntimeError("first import fails")


def after():
    return "after"
