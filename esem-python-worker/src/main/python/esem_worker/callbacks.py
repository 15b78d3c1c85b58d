"""Java functions that Python code calls.

A Java function passed to Python arrives as a :class:`JavaFunction`. Calling it sends a
callback request to the Java side, which runs the function on a bridge thread and
answers; meanwhile the calling thread serves the requests that arrive, so the Java
function may call Python again, this worker included, as deep as it likes::

    Python ── {"cb": 7, "fn": "fn_3_x", "args": [...]} ──► Java runs the function
       │  serves other requests while it waits (nested calls)
    Python ◄── {"id": 41, "op": "cbret", "cb": 7, "ok": value} ◄── Java

A Java exception comes back as an ``err`` member and is raised as
:class:`JavaException` (a ``TypeError`` when the function takes another number of
arguments). When Python drops its last reference to a Java function, the
Java side is told with the next ``fndrop`` event, and lets go of it too.
"""

import itertools
import threading

from .framing import CALLBACK

__all__ = ["JavaException", "JavaFunction", "Callbacks"]


class JavaException(Exception):
    """A Java exception thrown by a Java function that Python called.

    Its message is the Java class and message; ``java_ref`` names the Java exception, so
    that the Java caller gets it back as the cause if Python lets this escape.
    """

    def __init__(self, message, java_ref=None):
        super().__init__(message)
        self.java_ref = java_ref


class JavaFunction:
    """A callable that runs a Java function (see the module docstring)."""

    __slots__ = ("_id", "_kind", "_callbacks", "__weakref__")

    def __init__(self, fn_id, kind, callbacks):
        self._id = fn_id
        self._kind = kind
        self._callbacks = callbacks

    @property
    def java_id(self):
        return self._id

    def __call__(self, *args, **kwargs):
        if kwargs:
            raise TypeError("a Java %s takes no keyword arguments" % self._kind)
        return self._callbacks.call(self._id, args)

    def __repr__(self):
        return "<Java %s %s>" % (self._kind, self._id)

    def __del__(self):
        # no frame from here: a finalizer can run while this thread holds the writer
        self._callbacks.dropped(self._id)


class Callbacks:
    """Sends callback requests and waits for their answers.

    ``serve_until`` (the server's) sends a request and serves requests on the main
    thread until a predicate holds; other threads wait for the main thread, which reads
    every frame, to take their answer (:meth:`answer` runs on the main thread only).
    While no other thread waits, the main thread takes answers without the lock (the
    usual case: plain code calling a Java function); a thread counts itself as waiting
    from before it sends its request, so its answer always finds it counted.
    """

    def __init__(self, writer, codec, serve_until):
        self._writer = writer
        self._codec = codec
        self._serve_until = serve_until
        self._ids = itertools.count(1)
        self._answers = {}
        self._abandoned = set()
        self._answered = threading.Condition()
        self._waiting = 0  # threads other than the main thread waiting for an answer
        self._dropped = []
        self._main = threading.main_thread().ident

    def function(self, fn_id, kind):
        """The Python callable for the Java function ``fn_id``."""
        return JavaFunction(fn_id, kind, self)

    def call(self, fn_id, args):
        n = next(self._ids)
        request = self._codec.encode_callback(n, fn_id, list(args))
        if threading.get_ident() == self._main:
            try:
                # sent there, where an interrupt cannot cut the frame short
                answer = self._serve_until(request, lambda: n in self._answers, n)
            except BaseException:
                self._abandon(n)  # interrupted (the call timed out)
                raise
            if answer is None:
                answer = self._answers.pop(n)
        else:
            with self._answered:
                self._waiting += 1  # from before it is sent until it is taken or abandoned
            try:
                self._writer.send(request)
                with self._answered:
                    self._answered.wait_for(lambda: n in self._answers)
            except BaseException:
                self._abandon(n)
                raise
            finally:
                with self._answered:
                    self._waiting -= 1
            answer = self._answers.pop(n)  # only this thread takes answer n
        if "err" in answer:
            err = answer["err"]
            if err.get("type") == "TypeError":  # the function takes another number of arguments
                raise TypeError(err.get("message"))
            raise JavaException(err.get("message"), err.get("java"))
        return answer.get("ok")

    def answer(self, request):
        """Takes a ``cbret`` request: the answer to callback ``cb`` (on the main thread)."""
        cb = request[CALLBACK]
        if self._waiting:  # another thread waits for its answer: under its lock, and wake it
            with self._answered:
                self._take(cb, request)
                self._answered.notify_all()
        else:  # only the main thread waits, and only it abandons an answer then
            self._take(cb, request)

    def _take(self, cb, request):
        if cb in self._abandoned:
            self._abandoned.discard(cb)
        else:
            self._answers[cb] = request

    def _abandon(self, n):
        """Its caller gave up on answer ``n``: when it comes, it is dropped."""
        with self._answered:
            if self._answers.pop(n, None) is None:
                self._abandoned.add(n)

    def dropped(self, fn_id):
        self._dropped.append(fn_id)  # list.append is atomic

    def take_dropped(self):
        """The ids Python dropped since the last call, or None."""
        if not self._dropped:
            return None
        dropped, self._dropped = self._dropped, []
        return dropped
