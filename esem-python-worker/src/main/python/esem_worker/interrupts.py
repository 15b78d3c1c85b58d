"""Interrupts a plain Python call that outlived its timeout, inside the call.

The main thread runs the call; a daemon thread watches its deadline and, once it has
passed, signals the main thread (``SIGINT`` aimed at that thread alone), whose handler
raises :class:`CallTimeout` in the running code. The signal also ends a blocking system
call (``time.sleep``, a socket read). Code that holds the GIL in one long C call sees
it only when that call returns: the Java side replaces such a worker after its grace
period. A ``SIGINT`` that is not an interrupt (Ctrl-C in a terminal) is ignored.

::

    main thread:  begin(id, deadline) ── user code ─────── end()
    watcher:             ... deadline passed? ── pthread_kill(main, SIGINT)
    main thread:                      handler ── raise CallTimeout
"""

import signal
import threading
import time

__all__ = ["CallTimeout", "Interrupter"]

# How often the watcher looks at the running call's deadline.
_POLL_SECONDS = 0.02


class CallTimeout(BaseException):
    """Raised inside a call that outlived its timeout.

    A ``BaseException``, like ``KeyboardInterrupt``: ``except Exception`` in user code
    does not swallow it, while ``finally`` blocks and context managers still run.
    """


class Interrupter:
    """Watches the deadline of the call running on the main thread."""

    def __init__(self):
        self._main = threading.main_thread().ident
        self._running = None  # (request id, deadline) of the call on the main thread
        self._due = None  # the request id to interrupt, set by the watcher
        signal.signal(signal.SIGINT, self._on_signal)
        threading.Thread(target=self._watch, name="esem-interrupter", daemon=True).start()

    def begin(self, rid, timeout_ms):
        """A call with this id starts on the main thread, with this timeout (or None).

        Returns what to give :meth:`end`: calls nest when a Java function that Python
        called calls Python again, and the outer call's deadline comes back after.
        """
        outer = self._running
        if timeout_ms:
            self._running = (rid, time.monotonic() + timeout_ms / 1000.0)
        return outer

    def end(self, outer):
        """The call on the main thread ended; ``outer`` is what :meth:`begin` returned."""
        self._running = outer
        self._due = None

    def _on_signal(self, signum, frame):
        running = self._running
        if running is not None and self._due == running[0]:
            self._running = None
            self._due = None
            raise CallTimeout("the call outlived its timeout and was interrupted")

    def _watch(self):
        while True:
            time.sleep(_POLL_SECONDS)
            running = self._running
            if running is None or self._due is not None or time.monotonic() < running[1]:
                continue
            self._due = running[0]
            _signal_main(self._main)


def _signal_main(main):
    if hasattr(signal, "pthread_kill"):
        signal.pthread_kill(main, signal.SIGINT)
    else:  # Windows: sets the flag only; a blocking call is not woken
        import _thread
        _thread.interrupt_main()
