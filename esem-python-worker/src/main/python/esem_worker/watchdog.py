"""Ends the worker when the process that started it is gone (even after ``kill -9``)."""

import os
import threading
import time

__all__ = ["alive", "watch_parent"]


def watch_parent(parent_pid, interval=0.5):
    """Starts a daemon thread that calls ``os._exit(0)`` once ``parent_pid`` is gone.

    Returns the thread, or None when no parent pid was given.
    """
    if not parent_pid:
        return None
    thread = threading.Thread(target=_watch, args=(parent_pid, interval),
                              name="esem-parent-watchdog", daemon=True)
    thread.start()
    return thread


def _watch(parent_pid, interval):
    # Started directly by the parent: an orphan is re-parented, so a changed ppid
    # tells. Started through a launcher: ask whether the parent pid still runs.
    if os.getppid() == parent_pid:
        def gone():
            return os.getppid() != parent_pid
    else:
        def gone():
            return not alive(parent_pid)
    while not gone():
        time.sleep(interval)
    os._exit(0)


def alive(pid):
    """Whether process ``pid`` still runs (True for 0: none to watch)."""
    if not pid:
        return True
    if os.name != "posix":
        return True  # os.kill(pid, 0) would terminate the process on Windows
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
