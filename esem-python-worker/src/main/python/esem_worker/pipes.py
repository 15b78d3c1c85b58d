"""The capacity of the worker's request pipe.

The Java side writes a request itself, without handing it to another thread, only
while the bytes the worker may not have read yet surely fit in the pipe; beyond that it
hands the write to a thread that may block. With many calls in flight (a thousand
pipelined ``callAsync``) the default 64 KiB pipe is that limit, and each request costs
a thread hand-off. So the worker asks for a larger pipe at start, where the system
allows it (Linux's ``F_SETPIPE_SZ``), and says in its hello how large it is, so the
Java side knows how much it may write unread.
"""

import os
import stat

__all__ = ["WANTED_BYTES", "widen"]

# A quarter of it, 128 KiB, holds a thousand small requests. Every page counts against
# the user's pipe-user-pages-soft (64 MiB by default), past which the kernel gives the
# user's new pipes one page: so no more than needed.
WANTED_BYTES = 1 << 19


def widen(fd, wanted=WANTED_BYTES):
    """Asks for a pipe of ``wanted`` bytes on ``fd``; returns its capacity afterwards,
    or None when ``fd`` is no pipe or the system cannot tell (then the Java side keeps
    its own, safe, assumption). A refusal (the user's pipes hold more than the system
    allows them, a lower maximum) leaves the pipe as it was."""
    try:
        import fcntl
    except ImportError:  # Windows
        return None
    getter = getattr(fcntl, "F_GETPIPE_SZ", None)
    setter = getattr(fcntl, "F_SETPIPE_SZ", None)
    if getter is None or setter is None:  # not Linux
        return None
    try:
        if not stat.S_ISFIFO(os.fstat(fd).st_mode):
            return None
        size = fcntl.fcntl(fd, getter)
        if size < wanted:
            try:
                size = fcntl.fcntl(fd, setter, wanted)
            except OSError:
                size = fcntl.fcntl(fd, getter)
        return size
    except OSError:
        return None
