"""Replies that go out together: one write for a run of quick calls read together.

With many calls in flight (a thousand pipelined ``callAsync``), the worker reads many
requests at once, and writing each reply on its own costs a system call, and a thread
wake-up on the Java side, per call: more than the call itself. So the reply of a quick
call is held while the next request is already read and calls the same thing; the held
replies go out in one write with the next reply that is not held, and before anything
else runs or the worker waits for input. A reply is held only when:

- its own call, of a function or method, ran in under ``QUICK_SECONDS``, and the next
  request calls the same function or method (same name, module or object): before
  anything else runs, the held replies are written, so a reply never waits for other
  code than one more run of a function that has just run quickly;
- the line of the next request has been read whole, and it is not a release (the
  Java side writes releases right after a request): before the worker may wait for
  input (or runs a task, or serves while a Java function runs), the held replies are
  written, so a reply never waits for a request that has not come;
- fewer than ``MAX_REPLIES`` replies are held, and the first of them was held less than
  ``MAX_WAIT_SECONDS`` ago.

A sequential caller, which sends its next call only once it has its reply, never has
its reply held: nothing more has been read when it is sent.
"""

__all__ = ["HeldReplies", "QUICK_SECONDS"]

QUICK_SECONDS = 20e-6
MAX_WAIT_SECONDS = 500e-6
MAX_REPLIES = 64


class HeldReplies:
    """The replies that the serve loops hold (main thread only), and whether the next
    one waits with them: the loop that runs a request calls :meth:`ran_quickly` when its
    call was quick. ``writer`` is the ``FrameWriter``, ``reader`` the ``FrameReader``."""

    def __init__(self, writer, reader):
        self._writer = writer
        self._reader = reader
        self._frames = []
        self.held = 0  # how many replies are held
        self.quick = False  # whether the reply about to be sent may be held (see ran_quickly)
        self._ended = 0.0  # when the request of that reply ended
        self._since = 0.0  # when the first reply held ended
        self._callee = None  # what the requests of the replies held called

    def ran_quickly(self, request, ended):
        """``request`` has just run quickly, ending at ``ended`` (``time.perf_counter()``):
        its reply, sent next, may be held. What that takes is decided now, so that no
        reference to the request (to its arguments: Java functions that Python drops once
        their call ends) outlives its run. A first reply is held only when the next
        request's line is read already; the serve loop writes what is held before it may
        wait for input (see :meth:`flush`), and never for a release read after it."""
        if self.held:
            self.quick = True  # before() found that it called what those held called
        elif self._reader.has_call_line():
            called = callee(request)
            if called[0] is not None:
                self._callee = called
                self.quick = True
        self._ended = ended

    def send(self, reply):
        """Sends a reply frame of the serve loop (bytes, or a list with its segments), with
        the replies held, or holds it (see :meth:`ran_quickly`)."""
        if self.quick and type(reply) is bytes:
            self.quick = False
            held = self.held
            if not held:
                self._since = self._ended
                self.held = 1
                self._frames.append(reply)
                return
            if held < MAX_REPLIES and self._ended - self._since < MAX_WAIT_SECONDS:
                self.held = held + 1
                self._frames.append(reply)
                return
        self.quick = False
        if self.held:
            self.held = 0
            frames = self._frames
            if type(reply) is bytes:
                frames.append(reply)
                reply = b"".join(frames)
                frames.clear()
            else:
                self._writer.send(b"".join(frames))
                frames.clear()
        self._writer.send(reply)

    def before(self, request):
        """``request`` is about to run while replies are held: they go out first unless it
        calls what their requests called."""
        if callee(request) != self._callee:
            self.flush()

    def flush(self):
        """Writes the replies held."""
        if self.held:
            self.held = 0
            data = b"".join(self._frames)
            self._frames.clear()
            self._writer.send(data)

    def drop(self):
        """Forgets the replies held: in a forked child, they are the parent's."""
        self.held = 0
        self._frames.clear()


def callee(request):
    """What a request calls: a function (name, module) or a method (name, object); the
    name is None for other ops (never held). A ref may be decoded into its object
    already (alive in the registry): it is compared by identity then, never by user
    code's ``__eq__``."""
    get = request.get
    ref = get("ref")
    return get("fn"), get("mod"), ref if type(ref) is str or ref is None else id(ref)
