"""Interrupts a plain Python call that outlived its timeout, or was cancelled, inside
the call.

The main thread runs the call; a daemon thread watches its deadline and, once it has
passed, signals the main thread (``SIGINT`` aimed at that thread alone), whose handler
raises :class:`CallTimeout` in the running code. Where the Java side can say that a call
was cancelled while the main thread is busy (the cancel slots of the shared-memory file,
see ``shm``), the same thread reads them each time it looks and interrupts a running
call that was cancelled with :class:`CallCancelled`; without that file a cancelled plain
call runs on to its end. The signal also ends a blocking system
call (``time.sleep``, a socket read). Code that holds the GIL in one long C call sees
it only when that call returns: the Java side replaces such a worker after its grace
period. A ``SIGINT`` that is not an interrupt (Ctrl-C in a terminal) is ignored.

The handler raises only where the main thread runs user code: between :meth:`begin` and
:meth:`end`, outside a :meth:`shield`. While a Java function that Python called runs,
the main thread serves frames (reads them, replies, keeps the reader's buffer): an
exception raised there would drop bytes read but not yet buffered, a frame half
written, or the interrupt itself. So that loop is shielded: the handler keeps the
interrupt pending, and the loop raises it (:meth:`raise_pending`) between frames, or as
the shield comes down::

    main thread:  begin(id, timeout) ── user code ──────── end()
    watcher:             ... deadline passed? ── pthread_kill(main, SIGINT)
    main thread:                      handler ── raise CallTimeout
                  (shielded: handler ── pending ... next safe point ── raise CallTimeout)
"""

import signal
import threading
import time

__all__ = ["CallCancelled", "CallTimeout", "Interrupter"]

# How often the watcher looks at the running call's deadline and at the cancel slots.
_POLL_SECONDS = 0.02
# How many cancelled call ids are remembered for calls not read yet (most are never read:
# they had ended or were running).
_REMEMBERED_CANCELS = 64


class CallTimeout(BaseException):
    """Raised inside a call that outlived its timeout.

    A ``BaseException``, like ``KeyboardInterrupt``: ``except Exception`` in user code
    does not swallow it, while ``finally`` blocks and context managers still run.
    """


class CallCancelled(BaseException):
    """Raised inside a plain call whose Java future was cancelled; a ``BaseException``
    for the same reason as :class:`CallTimeout`."""


class Interrupter:
    """Watches the deadline of the call running on the main thread, and whether it was
    cancelled."""

    def __init__(self):
        self._main = threading.main_thread().ident
        # (request id, deadline or None, outer) of the call on the main thread
        self._running = None
        self._due = None  # (request id, exception) to raise, set by the watcher
        self._pending = None  # a due interrupt that came while shielded
        self._exposed = False  # whether user code runs: the handler may raise
        self._cancels = None  # shm.SharedSegments.cancelled_since, once listened to
        self._seen = 0  # cancel slots read so far
        self._cancelled = {}  # request ids cancelled, oldest first (an ordered set)
        signal.signal(signal.SIGINT, self._on_signal)
        threading.Thread(target=self._watch, name="esem-interrupter", daemon=True).start()

    def listen(self, cancels):
        """Reads cancelled call ids from ``cancels(seen)`` from now on: it returns the
        count of cancels written so far and the ids written after the first ``seen``."""
        self._cancels = cancels

    def begin(self, rid, timeout_ms):
        """A call with this id starts on the main thread, with this timeout (or None).

        Returns what to give :meth:`end`: calls nest when a Java function that Python
        called calls Python again, and the outer call's deadline comes back after; a
        nested call without a timeout of its own keeps the outer call's deadline. The
        call's code may be interrupted until it ends.
        """
        outer = self._running
        if timeout_ms:
            deadline = time.monotonic() + timeout_ms / 1000.0
        else:
            deadline = outer[1] if outer is not None else None
        call = self._running = (rid, deadline, outer)
        exposed = self._exposed
        self._exposed = True
        return call, exposed

    def end(self, begun):
        """The call on the main thread ended; ``begun`` is what :meth:`begin` returned.
        An interrupt raised as it is called has done its work already (see
        ``_interrupt``): what it does twice is the same."""
        call, exposed = begun
        self._exposed = exposed
        self._running = call[2]
        self._due = None
        pending = self._pending
        if pending is not None and pending[0] == call[0]:
            self._pending = None

    def shield(self):
        """Keeps an interrupt from being raised in the main thread's own bookkeeping
        until :meth:`unshield`; returns what to give it."""
        exposed = self._exposed
        self._exposed = False
        return exposed

    def unshield(self, exposed):
        """Ends a :meth:`shield`: raises the interrupt that came meanwhile."""
        self._exposed = exposed
        if exposed:
            self.raise_pending()

    def has_pending(self):
        """Whether an interrupt of the running call waits for a safe point."""
        pending = self._pending
        running = self._running
        return pending is not None and running is not None and pending[0] == running[0]

    def raise_pending(self):
        """Raises the interrupt of the running call that came while shielded, if any:
        called where nothing is half done."""
        if self.has_pending():
            exception = self._pending[1]
            self._pending = None
            self._interrupt(exception)

    def was_cancelled(self, rid):
        """Whether the call with this id was cancelled before it started (then it is
        forgotten: it is asked once, when its request is read)."""
        if self._cancels is not None:
            self._read_cancels()
        return self._cancelled.pop(rid, False) is None

    def _read_cancels(self):
        # Both threads read: an id added twice is still one key.
        seen, ids = self._cancels(self._seen)
        if seen != self._seen:
            cancelled = self._cancelled
            for rid in ids:
                cancelled[rid] = None
            while len(cancelled) > _REMEMBERED_CANCELS:
                cancelled.pop(next(iter(cancelled)), None)
            self._seen = seen

    def _on_signal(self, signum, frame):
        due = self._due
        self._due = None
        running = self._running
        if due is not None and running is not None and due[0] == running[0]:
            if self._exposed:
                self._interrupt(due[1])
            self._pending = due

    def _interrupt(self, exception):
        # The call is over as far as interrupts go, as :meth:`end` will say: no second
        # one while it unwinds (shielded), and the outer call's deadline counts again.
        self._exposed = False
        self._running = self._running[2]
        if exception is CallCancelled:
            raise CallCancelled("the call was cancelled and interrupted")
        raise CallTimeout("the call outlived its timeout and was interrupted")

    def _watch(self):
        while True:
            time.sleep(_POLL_SECONDS)
            if self._cancels is not None:
                self._read_cancels()
            running = self._running
            if running is None or self._due is not None or self.has_pending():
                continue
            # Only the innermost call is cancelled here: an outer one is, once the
            # nested call (served while it waits for Java) has ended.
            if self._cancelled.pop(running[0], False) is None:
                self._due = (running[0], CallCancelled)
            elif running[1] is not None and time.monotonic() >= running[1]:
                self._due = (running[0], CallTimeout)
            else:
                continue
            _signal_main(self._main)


def _signal_main(main):
    if hasattr(signal, "pthread_kill"):
        signal.pthread_kill(main, signal.SIGINT)
    else:  # Windows: sets the flag only; a blocking call is not woken
        import _thread
        _thread.interrupt_main()
