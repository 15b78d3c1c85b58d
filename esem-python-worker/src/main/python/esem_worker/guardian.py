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

- On Linux, a process leaving the group does not escape either: the process that Java
  started stays as the worker's parent, a child subreaper (``PR_SET_CHILD_SUBREAPER``)
  that adopts every orphan among the worker's descendants (a double fork, a child of a
  process that called ``setsid``). Once the worker or the Java process is gone it kills
  every descendant it has, whatever its session, and exits as the worker did; once the
  Java process is gone it also removes the temporary directory it was given (where the
  Java side unpacked the worker package), which the JVM, killed, could not.

The guardian and the reaper hold no descriptor of the worker's (their stdin, stdout and
stderr are ``/dev/null``), so they never delay an end of file on the Java side.
"""

import os
import signal
import sys
import time

from .watchdog import alive

__all__ = ["contain"]

_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
_PR_SET_CHILD_SUBREAPER = 36
_INTERVAL = 0.5
# Sent to the guardian by the kernel when the worker dies. Blocked and waited for,
# so a stray one (a signal to the whole group) only makes it look again.
_WAKE = signal.SIGUSR1 if hasattr(signal, "SIGUSR1") else None
_LINUX = sys.platform.startswith("linux")


def contain(parent_pid, home=None):
    """Makes the worker a session leader, ties it to ``parent_pid`` (the Java process,
    0 for none) and forks its guardian; on Linux first its reaper, which removes the
    directory ``home`` (if given) once the Java process is gone. Returns the guardian's
    pid, or None where this is not possible (not POSIX, or already a group leader)."""
    if os.name != "posix":
        return None
    direct = bool(parent_pid) and os.getppid() == parent_pid
    reaper = _LINUX and _fork_reaper(parent_pid, direct, home)
    try:
        os.setsid()
    except OSError:
        return None  # already a group leader: a group kill could reach others
    if reaper or (_LINUX and direct):
        # Only when Java (or the reaper) started the worker directly: a wrapper in
        # between (a shell script as the interpreter) may end early, and then the
        # guardian watches.
        parent = os.getppid()
        if _set_parent_death_signal(signal.SIGKILL) and os.getppid() != parent:
            os._exit(0)  # the parent died before the signal was armed
    return _fork_guardian(os.getpid(), parent_pid)


def _fork_reaper(parent_pid, direct, home):
    """Makes this process a child subreaper and forks: the child goes on as the worker
    (True), this process reaps and never returns. False where it cannot be done."""
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
            return False
    except (ImportError, OSError, AttributeError):
        return False
    worker = os.fork()
    if worker == 0:
        return True
    code = 0
    try:
        code = _reap(worker, parent_pid, direct, home)
    finally:
        _exit_like(code)


def _reap(worker, parent_pid, direct, home):
    """Waits for the worker's end or the Java process's, then kills every descendant;
    returns the worker's exit code (negative: the signal that killed it)."""
    _to_dev_null()
    for name in ("SIGINT", "SIGHUP"):  # Ctrl-C in a terminal is not for the reaper
        signal.signal(getattr(signal, name), signal.SIG_IGN)
    wake = {signal.SIGCHLD, signal.SIGTERM}
    if _WAKE is not None:
        wake.add(_WAKE)
    signal.pthread_sigmask(signal.SIG_BLOCK, wake)
    parent = os.getppid()
    if direct and _WAKE is not None:
        _set_parent_death_signal(_WAKE)
    code = None
    java_gone = False
    while code is None:
        code = _reaped(worker)
        if code is not None:
            break
        if (direct and os.getppid() != parent) or not alive(parent_pid):
            java_gone = True
            break
        if hasattr(signal, "sigtimedwait"):
            got = signal.sigtimedwait(wake, _INTERVAL)
            if got is not None and got.si_signo == signal.SIGTERM:
                break
        else:
            time.sleep(_INTERVAL)
    ended = _kill_descendants(worker)
    # The worker may have seen the Java process go first and ended: look again.
    java_gone = java_gone or (direct and os.getppid() != parent) or not alive(parent_pid)
    if java_gone and home:
        import shutil  # here only: with the compression modules it imports, 1.8 ms of a start
        shutil.rmtree(home, ignore_errors=True)
    code = ended if code is None else code
    return 0 if code is None else code


def _reaped(worker):
    """Reaps every child that has ended; the worker's exit code once it is one of them."""
    code = None
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return code
        if pid == 0:
            return code
        if pid == worker:
            code = os.waitstatus_to_exitcode(status)


def _kill_descendants(worker):
    """Kills every process below this one, adopted orphans included, and reaps them;
    returns the worker's exit code if it was reaped here."""
    code = None
    me = os.getpid()
    for _ in range(100):
        below = _descendants(me)
        if not below:
            break
        for pid in below:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        deadline = time.monotonic() + 0.2
        while time.monotonic() < deadline:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                time.sleep(0.005)
            elif pid == worker:
                code = os.waitstatus_to_exitcode(status)
    # A worker that died before (killed by its group's guardian, say) is a zombie, which
    # the walk above skips: reap it here, or its exit code would be lost.
    late = _reaped(worker)
    return code if code is not None else late


def _descendants(root):
    """The pids of the live processes below ``root``, from ``/proc``."""
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % entry, "rb") as stat:
                fields = stat.read().rpartition(b")")[2].split()
        except OSError:
            continue
        if fields and fields[0] != b"Z":  # zombies are dead: reaping ends them
            children.setdefault(int(fields[1]), []).append(int(entry))
    found = []
    todo = [root]
    while todo:
        for child in children.get(todo.pop(), ()):
            found.append(child)
            todo.append(child)
    return found


def _exit_like(code):
    """Exits as the worker did: with its code, or killed by its signal."""
    if code < 0:
        try:
            if -code != signal.SIGKILL:
                signal.signal(-code, signal.SIG_DFL)
                signal.pthread_sigmask(signal.SIG_UNBLOCK, {-code})
            os.kill(os.getpid(), -code)
        except (OSError, ValueError):
            pass
        os._exit(128 - code)
    os._exit(code)


def _to_dev_null():
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    os.closerange(3, _max_fd())


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
    _to_dev_null()
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
