"""Keeps the processes a worker starts from outliving it (POSIX).

At start the worker becomes the leader of a new session and process group; every
process it starts (subprocesses, forked children, their children) is in that group
unless it leaves it on purpose (``setsid``, ``start_new_session=True``).

- On Linux the kernel kills the worker when the thread of the Java process that
  started it ends (``PR_SET_PDEATHSIG``), even while the worker holds the GIL in a
  long C call and so its watchdog thread cannot run.
- A guardian process, forked here before any thread or user code exists, kills the
  whole group once the worker is gone (on Linux at once, told by its own parent-death
  signal; elsewhere within ``_INTERVAL``) or once the Java process is gone (within
  ``_INTERVAL``: the cover for a worker started through a wrapper, or busy in C on
  macOS).

The guardian holds no descriptor of the worker's (its stdin, stdout and stderr are
``/dev/null``), so it never delays an end of file on the Java side.
"""

import os
import signal
import sys
import time

from .watchdog import alive

__all__ = ["contain"]

_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
_INTERVAL = 0.5
# Sent to the guardian by the kernel when the worker dies. Blocked and waited for,
# so a stray one (a signal to the whole group) only makes it look again.
_WAKE = signal.SIGUSR1 if hasattr(signal, "SIGUSR1") else None
_LINUX = sys.platform.startswith("linux")


def contain(parent_pid):
    """Makes the worker a session leader, ties it to ``parent_pid`` (the Java process,
    0 for none) and forks its guardian. Returns the guardian's pid, or None where
    this is not possible (not POSIX, or already a group leader)."""
    if os.name != "posix":
        return None
    try:
        os.setsid()
    except OSError:
        return None  # already a group leader: a group kill could reach others
    if _LINUX and parent_pid and os.getppid() == parent_pid:
        # Only when Java started the worker directly: a wrapper in between (a shell
        # script as the interpreter) may end early, and then the guardian watches.
        if _set_parent_death_signal(signal.SIGKILL) and os.getppid() != parent_pid:
            os._exit(0)  # the parent died before the signal was armed
    return _fork_guardian(os.getpid(), parent_pid)


def _set_parent_death_signal(signum):
    """Asks the kernel to send ``signum`` when the parent thread ends; True if armed."""
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(_PR_SET_PDEATHSIG, int(signum), 0, 0, 0) == 0
    except (ImportError, OSError, AttributeError):
        return False


def _fork_guardian(worker_pid, parent_pid):
    pid = os.fork()
    if pid:
        return pid
    try:
        _guard(worker_pid, parent_pid)
    finally:
        os._exit(0)


def _guard(worker_pid, parent_pid):
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    os.closerange(3, _max_fd())
    for name in ("SIGINT", "SIGTERM", "SIGHUP"):  # only the end of the worker ends it
        signal.signal(getattr(signal, name), signal.SIG_IGN)
    wait = _sleeper()
    while os.getppid() == worker_pid and alive(parent_pid):
        wait()
    os.killpg(worker_pid, signal.SIGKILL)  # the guardian is in the group too


def _sleeper():
    """A function that waits ``_INTERVAL``, or less when the worker dies (Linux)."""
    if _LINUX and _WAKE is not None and hasattr(signal, "sigtimedwait"):
        signal.pthread_sigmask(signal.SIG_BLOCK, {_WAKE})
        if _set_parent_death_signal(_WAKE):
            return lambda: signal.sigtimedwait({_WAKE}, _INTERVAL)
    return lambda: time.sleep(_INTERVAL)


def _max_fd():
    try:
        return min(os.sysconf("SC_OPEN_MAX"), 1 << 16)
    except (ValueError, OSError):
        return 1024
