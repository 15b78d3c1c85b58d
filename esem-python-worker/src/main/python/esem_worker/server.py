"""The request loop: read a frame, run the op, write the reply.

Requests run one at a time on the main thread, in arrival order. Each reply is
written as soon as its request ends, with one exception (see ``held_replies``): the
reply of a quick call is held while the next request, read already, calls the same
function, so that a run of pipelined calls goes out in a few writes. Held while
anything else runs, a reply could wait for as long as that runs, which is user code.

A request whose result is awaitable (an ``async def``) becomes a task on the worker's
event loop, which also runs on the main thread; its reply goes out when it finishes.
While tasks are pending the loop runs, watching the input: each request read meanwhile
runs at once (a plain function to its end, blocking the loop; an awaitable as one more
task), so calls that await overlap, and plain code never runs at the same time as
other Python code of the worker. With no task pending, the worker reads in blocking
reads, its fastest path. Every frame, in every loop, is served by ``_serve_one``; the
loops differ only in when they stop::

    _serve_one:  read a frame ── run ── reply ── run held releases
    no task:     _serve_one in blocking reads ── ...
    tasks:       event loop: input ready → _serve_one per frame read │ task done → reply
                 (until no task is left)
    the worker's loop stops at end of input; the nested loop that serves while a Java
    function that Python called runs (``serve_until``) stops once its answer came

Every request may carry ``to``, its timeout in milliseconds: a plain call still
running then is interrupted (see ``interrupts``), a task is cancelled; either way its
error reply says ``"timeout": true``, so the Java side ends the call as timed out
whichever side noticed first. A task cancelled otherwise (by itself, or by a ``cancel``
request when its Java future was cancelled) replies ``"cancelled": true``; so does a
plain call that the Java side cancelled through the shared-memory file's cancel slots
(the interrupter reads them while the call runs), and a request cancelled so before it
was read is skipped, not run. A request with a timeout also carries ``dl``, its
deadline in milliseconds since the epoch: a request read only after its deadline (it
waited behind other calls) is skipped, not run, since its caller has given up on it
already; its reply says ``"timeout": true`` too. (These keys are framing's TIMEOUT and
DEADLINE.)

A construct that the Java side sent without waiting, naming its object, may come inside
the frame of the first call on that object (its ``ahead`` member): it runs before
anything else of that call, even when the call is then skipped.

Releases are the exception to arrival order: they want no reply, and the Java side
sends one in the same write as a request (right after a call, right before a ping), so
a release is held, in every loop, and run right after the reply of a request that
follows it, while the Java side reads that reply; or as soon as no request waits, and
always before ``ping``, which counts the registry. No request can name an object released before
it: the Java side refuses to send a released handle.
"""

import inspect
import os
import sys
import time
import types

from . import tracing
from .batching import run_batch
from .callbacks import Callbacks
from .codec import AsRef
from .errors import format_all, message
from .framing import (AHEAD, CALLBACK, DEADLINE, ID, TIMEOUT, TRACEPARENT, Frame, FrameError, frame_id,
                      is_answer, is_frame_too_large, is_release)
from .held_replies import QUICK_SECONDS, HeldReplies
from .hints import plan_for, register_class
from .interrupts import CallCancelled, CallTimeout
from .loader import exports
from .streams import Stream, open_stream
from .tables import as_list, as_map, bind_rows, frame_argument

__all__ = ["Server"]

# A parameter annotated pandas.DataFrame receives rows or a Table as a DataFrame.
register_class("pandas", "DataFrame", frame_argument)

_PACKAGE = __name__.rpartition(".")[0]
_perf_counter = time.perf_counter
# Results of these types are never awaitable; skips inspect.isawaitable on the hot path.
# Other types found not awaitable join them (see _is_awaitable).
_NOT_AWAITABLE = {str, int, float, bool, type(None), list, tuple, dict, AsRef}
_MAX_NOT_AWAITABLE = 256
# A request or reply larger than this (or with binary segments) keeps its values until
# the reply is written: freeing a million Python objects takes milliseconds, which the
# caller need not wait for (the Java side meanwhile reads the reply and sends its next
# request).
_KEEP_BYTES = 1 << 16
# How often the nested loop, waiting for input, looks for an interrupt that came while
# it was shielded (the signal that brought it may have come just before the wait began).
_PENDING_LOOK_MS = 20


class Server:
    """Serves requests from ``reader`` until end of input.

    ``interrupter`` (see ``interrupts``) is told when a plain call starts and ends.
    """

    def __init__(self, reader, writer, codec, registry, loader, interrupter):
        self._reader = reader
        self._writer = writer
        self._codec = codec
        self._registry = registry
        self._loader = loader
        self._interrupter = interrupter
        self._loop = None  # created on the first awaitable result
        self._tasks = {}  # request id -> pending task, for cancel requests
        self._timed_out_tasks = set()  # request ids of tasks cancelled by their timeout
        self._input_ended = False
        self._running = True
        self._in_child = False
        self._done = None  # what ends the event loop early (see _run_tasks)
        self._look = None  # the event loop's next look for a pending interrupt
        self._held_releases = []
        self._replies = HeldReplies(writer, reader)  # see held_replies
        self._kept = None  # a large request and its result, until the reply is written
        self.callbacks = Callbacks(writer, codec, self.serve_until)
        self._ops = {
            "load": self._load,
            "call": self._call,
            "construct": self._construct,
            "invoke": self._invoke,
            "getattr": self._getattr,
            "release": self._release_op,
            "ping": self._ping,
            "iter": self._iter,
            "next": self._next,
            "close": self._close,
            "cbret": self.callbacks.answer,
            "cancel": self._cancel,
            "batch": self._batch,
        }

    def serve(self):
        """Serves requests until end of input, or until a fork ends serving in the child."""
        self._serve(None)

    def serve_until(self, request, done, awaited):
        """Sends ``request``, callback request number ``awaited``, and serves requests on
        the main thread until ``done()`` holds: while a Java function that Python called
        runs, so it may call Python again. Called from plain code, it runs the event loop
        while tasks are pending, so the Java function may also call an ``async def``, and
        await it. Returns the answer when it was the first frame read (see
        :meth:`_first_answer`), else None: ``done()`` holds.

        The interrupt of the call that called the Java function (its timeout) is held
        off while this loop keeps the protocol's state, and raised between frames
        (see ``interrupts``); raised, it leaves the shield up while the call unwinds."""
        interrupter = self._interrupter
        exposed = interrupter.shield()
        self._writer.send(request)
        answer = self._first_answer(awaited)
        if answer is None and not self._serve(done):
            interrupter.unshield(exposed)
            raise EOFError("the Java side closed the channel while a Java function ran")
        interrupter.unshield(exposed)
        return answer

    def _first_answer(self, awaited):
        """The answer to callback ``awaited`` when the next frame is that answer, read as
        the serve loop reads frames, else None. The common case, a Java function that
        does not call Python, goes without the loop's bookkeeping: nothing is pending
        then that the loop would do first, and an answer wants no reply. Another frame
        read here is served as the loop serves it; when the loop has work to do before
        it reads, or nothing comes during a watch, this reads nothing."""
        reader = self._reader
        if self._tasks or self._held_releases or self._replies.held:
            return None
        self._interrupter.raise_pending()  # between frames, as the loop does
        if not reader.has_buffered() and not reader.watch():
            return None  # the loop waits, looking for an interrupt meanwhile
        try:
            frame = reader.read_frame()
        except FrameError as exc:
            self._serve_one(_raiser(exc))
            return None
        if type(frame) is bytes and is_answer(frame):
            try:
                answer = self._codec.decode(frame)
            except Exception:
                answer = None  # the loop says why
            if type(answer) is dict and answer.get(CALLBACK) == awaited:
                self._codec.pending_rows = False  # rows in an answer stay rows, as in _answer
                return answer
        self._serve_one(lambda: frame)
        return None

    def _serve(self, done):
        """The serve loop, for the worker's life (``done`` None: until a fork stops
        serving) and for each Java function that Python calls: serves frames until
        ``done()`` holds; returns False when input ended first. While tasks are pending
        (and the event loop is not running already) the event loop serves them and the
        input; otherwise each frame is read in a blocking read, the fastest path."""
        reader = self._reader
        read = reader.read_frame
        serve_one = self._serve_one
        held = self._held_releases
        replies = self._replies
        interrupter = self._interrupter
        while self._running if done is None else not done():  # no call in the worker's loop
            if replies.held and (done is not None or self._tasks or not reader.has_line()):
                # before anything may wait for input, run a task, or raise an interrupt
                replies.flush()
            if done is not None:
                interrupter.raise_pending()  # between frames: nothing is half done
            if self._tasks and not self._loop.is_running():
                self._run_tasks(done)
                if self._input_ended:
                    return False
                continue
            if held and not reader.has_buffered():
                self._run_held_releases()  # nothing waits: run them before blocking
            if done is not None and not reader.has_buffered() and not reader.watch():
                # the answer of a quick Java function comes while the reader watches (the
                # cost of a wake-up saved); else wait for input in short waits, looking
                # for an interrupt between them
                while not reader.wait_readable(_PENDING_LOOK_MS):
                    interrupter.raise_pending()
            if not serve_one(read):
                replies.flush()
                return False
        replies.flush()  # a Java function's answer came: the code that waited for it goes on
        return True

    def _serve_one(self, read):
        """Reads one frame with ``read`` and serves it: writes its reply, then runs the
        releases held for after it. A release is held, not run. Returns False when
        ``read`` found no frame (end of input, or nothing buffered for a polling read)."""
        replies = self._replies
        replies.quick = False
        try:
            frame = read()
        except FrameError as exc:
            reply = self._refuse(exc.id, exc)
        else:
            if frame is None:
                return False
            if is_release(frame):
                self._held_releases.append(frame)
                return True
            reply = self._answer(frame) if is_answer(frame) else self._handle(frame)
        event = self._dropped_event()
        if event is not None:
            # in the reply's write when it has one: the call that passed the functions
            # has just ended, and the Java side reads both at once
            if type(reply) is bytes:
                reply += event
            else:
                if reply is not None:
                    self._writer.send(reply)  # with binary segments
                reply = event
        if reply is not None:
            replies.send(reply)
        if self._kept is not None:
            self._kept = None
            event = self._dropped_event()
            if event is not None:  # Java functions among the values: a write of its own, after the reply
                self._writer.send(event)
        if self._held_releases:
            self._run_held_releases()
        return True

    def _dropped_event(self):
        """The ``fndrop`` event for the Java functions Python dropped since the last
        one, or None."""
        dropped = self.callbacks.take_dropped()
        return self._codec.encode_dropped(dropped) if dropped else None

    def _answer(self, frame):
        """Takes a ``cbret``, the answer to a callback request: it runs no user code and
        wants no reply, so none of a call's bookkeeping (``_handle``) applies. A frame
        that does not decode goes the way of any request, which says why."""
        try:
            answer = self._codec.decode(frame)
            self._codec.pending_rows = False  # rows in an answer stay rows, as in _handle
            self.callbacks.answer(answer)
        except Exception:
            return self._handle(frame)
        return None

    def _run_held_releases(self):
        held = self._held_releases
        while held:
            reply = self._release(held.pop(0))
            if reply is not None:
                self._writer.send(reply)

    def _release(self, frame):
        """Runs a release frame: it wants no reply and has no timeout, deadline or trace,
        so none of a call's bookkeeping applies (it often runs while the Java side sends
        the next request). Anything else read as a release goes the way of any request."""
        try:
            request = self._codec.decode(frame)
        except Exception:
            return self._handle(frame)
        if request.get("op") != "release" or not _is_one_way(request) or type(request.get(ID)) is not int:
            return self._handle(frame)
        if self._replies.held:
            self._replies.flush()  # the objects' finalizers are user code
        try:
            self._registry.release(request["refs"])
        except BaseException as exc:
            return self._failed(request[ID], request, exc)
        return None

    def forked(self):
        """In a forked child: serve no more. The loop ends after the request that
        forked, without its reply; held releases are dropped (they are the parent's)."""
        self._running = False
        self._in_child = True
        self._held_releases.clear()
        self._replies.drop()
        if self._loop is not None:
            self._loop.stop()

    def _run_tasks(self, done):
        """Runs the event loop until no task is left, input ends or ``done()`` holds (if
        given), serving each frame as its input arrives."""
        loop = self._loop
        fd = self._reader.fileno()
        self._done = done
        loop.add_reader(fd, self._on_input)
        loop.call_soon(self._serve_buffered)
        if done is not None:
            self._look = loop.call_later(_PENDING_LOOK_MS / 1000.0, self._look_for_interrupt)
        try:
            loop.run_forever()
        finally:
            loop.remove_reader(fd)
            self._done = None
            if self._look is not None:
                self._look.cancel()
                self._look = None

    def _look_for_interrupt(self):
        """In the nested loop: stops the event loop when an interrupt of the call that
        waits for its Java function is pending, so that ``_serve`` raises it."""
        if self._interrupter.has_pending():
            self._loop.stop()
        else:
            self._look = self._loop.call_later(_PENDING_LOOK_MS / 1000.0, self._look_for_interrupt)

    def _on_input(self):
        if not self._reader.fill_once():
            self._input_ended = True
            self._loop.stop()
            return
        self._serve_buffered()

    def _serve_buffered(self):
        """Serves the frames read already, without blocking; then, nothing waiting,
        runs the held releases."""
        done = self._done
        while self._serve_one(self._reader.poll_frame):
            if done is not None and done():
                self._loop.stop()
                return
        self._replies.flush()
        if self._held_releases:
            self._run_held_releases()

    def _handle(self, frame):
        """Runs one request; returns its reply frame, or None when none is wanted (yet:
        an awaitable result replies when its task ends)."""
        try:
            request = self._codec.decode(frame)
            rid = request.get(ID)
            if type(rid) is not int:
                raise ValueError("a request needs an integer id")
            op = self._ops.get(request.get("op"))
            if op is None:
                raise ValueError("unknown op %r" % (request.get("op"),))
        except BaseException as exc:
            return self._refuse(frame_id(frame), exc)
        ahead = request.get(AHEAD)
        if ahead is not None:
            self._run_ahead(rid, ahead)  # before anything may skip the request itself
        # "new" first: one look that most requests fail, before the full test
        if "new" in request and _is_named_construct(request) and not self._codec.pending_rows:
            return self._construct_ahead(rid, request)
        deadline = request.get(DEADLINE)
        if deadline is not None and time.time() * 1000.0 > deadline:
            self._codec.pending_rows = False
            return self._skipped(rid, request)
        interrupter = self._interrupter
        if interrupter.was_cancelled(rid):
            self._codec.pending_rows = False
            return self._codec.encode_err(rid, CallCancelled(
                "the %s request was not run: it was cancelled while it waited behind other "
                "calls" % request.get("op")), "", {"cancelled": True})
        replies = self._replies
        if replies.held:
            replies.before(request)  # no reply waits for other code than its own function's
        try:
            if self._codec.pending_rows:
                self._codec.pending_rows = False
                bind_rows(self._callee(request), request)
            traceparent = request.get(TRACEPARENT)
            trace = tracing.enter(traceparent) if traceparent is not None else None
            try:
                began = _perf_counter()
                outer = interrupter.begin(rid, request.get(TIMEOUT))
                try:
                    result = op(request)
                finally:
                    interrupter.end(outer)
                if type(result) not in _NOT_AWAITABLE and _is_awaitable(result):
                    self._start_task(rid, request, result)  # the task copies the trace
                    return None
                ended = _perf_counter()
                if ended - began < QUICK_SECONDS:
                    replies.ran_quickly(request, ended)
            finally:
                if trace is not None:
                    tracing.leave(trace)
            reply = self._reply(rid, request, result)
            if type(frame) is Frame or len(frame) > _KEEP_BYTES or (
                    reply is not None and (type(reply) is list or len(reply) > _KEEP_BYTES)):
                self._kept = (request, result)  # freed once the reply is out (see _serve_one)
            return reply
        except BaseException as exc:
            return self._failed(rid, request, exc)

    def _construct_ahead(self, rid, request):
        """Runs a construct that names its object, sent one-way ahead of the first call
        on it (see ``_construct_named``): it has no reply, timeout, deadline or trace,
        and nothing can cancel it, so none of a call's bookkeeping applies; it sits on
        the path of that first call."""
        if self._replies.held:
            self._replies.flush()  # user code is about to run
        try:
            self._construct_named(request["new"], request)
        except BaseException as exc:
            self._failed(rid, request, exc)
        return None

    def _run_ahead(self, rid, ahead):
        """Runs the named constructs that the Java side wrote into request ``rid``
        (``ahead``) rather than as frames of their own: as it would run those."""
        pending_rows = self._codec.pending_rows
        for item in ahead if type(ahead) is list else (ahead,):
            if type(item) is not dict or not _is_named_construct(item):
                self._log("WARNING", "request %d carried a request to run ahead that is not "
                          "a named construct: %.200r" % (rid, item))
                continue
            if pending_rows:
                try:
                    bind_rows(getattr(self._loader.get(item["mod"]), item["cls"]), item)
                except BaseException as exc:
                    self._failed(item.get(ID, rid), item, exc)
                    continue
            self._construct_ahead(item.get(ID, rid), item)

    def _reply(self, rid, request, result):
        """The ``ok`` reply frame for a result, or None when no reply is wanted."""
        if request.get("noreply"):
            return None
        if type(result) is _Encoded:
            return result.frame
        return self._codec.encode_ok(rid, _as_requested(request, result))

    def _failed(self, rid, request, exc):
        if self._in_child and isinstance(exc, SystemExit):
            raise exc  # sys.exit() in a forked child ends that child, with its code
        if request.get("noreply"):
            self._log("WARNING", "request %d (%s) failed: %s"
                      % (rid, request.get("op"), _format_traceback(exc)))
            return None
        return self._error(rid, exc)

    def _start_task(self, rid, request, awaitable):
        # One loop for the worker's life, so tasks and loop-bound objects that user
        # code keeps between calls stay usable.
        import asyncio  # imported on first use: it is a third of the start-up time
        if self._loop is None:
            self._loop = asyncio.new_event_loop()
        loop = self._loop
        task = asyncio.ensure_future(awaitable, loop=loop)
        self._tasks[rid] = task
        timeout = request.get(TIMEOUT)
        timer = loop.call_later(timeout / 1000.0, self._time_out_task, rid, task) if timeout else None
        task.add_done_callback(lambda done: self._task_done(rid, request, done, timer))

    def _task_done(self, rid, request, task, timer):
        if timer is not None:
            timer.cancel()
        self._tasks.pop(rid, None)
        try:
            reply = self._reply(rid, request, task.result())
        except BaseException as exc:
            reply = self._failed(rid, request, exc)
        if reply is not None:
            self._writer.send(reply)
        if not self._tasks:
            self._loop.stop()

    def _time_out_task(self, rid, task):
        self._timed_out_tasks.add(rid)
        task.cancel()

    def _skipped(self, rid, request):
        """The reply to a request whose deadline passed before it could start."""
        return self._codec.encode_err(rid, CallTimeout(
            "the %s request was not run: its deadline passed while it waited behind other "
            "calls" % request.get("op")), "", {"timeout": True})

    def _refuse(self, rid, exc):
        """The error reply for a frame that could not be read (over the size limit, cut
        short) or decoded, or None (and a log event) when not even its id could be found."""
        if rid is None:
            self._log("ERROR", "dropped an undecodable request frame: %s" % message(exc))
            return None
        return self._error(rid, exc)

    def _error(self, rid, exc):
        timed_out = rid in self._timed_out_tasks
        if timed_out:
            self._timed_out_tasks.discard(rid)
        if timed_out or isinstance(exc, CallTimeout):
            ending = {"timeout": True}
        elif isinstance(exc, CallCancelled) or type(exc).__name__ == "CancelledError" and type(exc).__module__.startswith(("asyncio", "concurrent")):
            ending = {"cancelled": True}
        else:
            ending = None
        return self._codec.encode_err(rid, exc, _format_traceback(exc), ending)

    def _log(self, level, text):
        """Sends a log event from the worker itself."""
        self._writer.send(self._codec.encode_event(
            {"ev": "log", "level": level, "logger": _PACKAGE, "msg": text}))

    def _callee(self, request):
        """What a call, invoke or construct request calls; None for other ops."""
        op = request.get("op")
        if op == "call":
            return getattr(self._loader.get(request["mod"]), request["fn"])
        if op == "invoke":
            return getattr(self._resolve(request["ref"]), request["fn"])
        if op == "construct":
            return getattr(self._loader.get(request["mod"]), request["cls"])
        return None

    def _resolve(self, ref):
        # A ref id string, or a ref tag that decoding already turned into the object.
        return self._registry.get(ref) if type(ref) is str else ref

    # ---- ops

    def _load(self, request):
        module = self._loader.get(request["mod"])
        return {"name": module.__name__, "exports": exports(module)}

    def _call(self, request):
        fn = getattr(self._loader.get(request["mod"]), request["fn"])
        # _apply inlined: this is the hottest op
        args = request.get("args") or ()
        kw = request.get("kw")
        convert = plan_for(fn)  # what the parameters' hints ask for
        if convert is not None:
            args, kw = convert(args, kw)
        return fn(*args, **kw) if kw else fn(*args)

    def _construct(self, request):
        ref = request.get("new")
        if ref is None:
            cls = getattr(self._loader.get(request["mod"]), request["cls"])
            return AsRef(_apply(cls, request))
        return self._construct_named(ref, request)

    def _construct_named(self, ref, request):
        """A construct that the Java side sent without waiting (``noreply``), naming
        the object ``ref``: the calls on it follow right behind. A constructor that
        raises leaves its exception for every use of ``ref`` until it is released."""
        registry = self._registry
        registry.check_named(ref)  # before the constructor runs: a bad id is a bug, logged
        try:
            obj = _apply(getattr(self._loader.get(request["mod"]), request["cls"]), request)
        except BaseException as exc:
            if self._in_child:
                raise  # a forked child that returned here: sys.exit() ends it
            registry.put_failed(ref, exc)
            return None
        registry.put_named(obj, ref)
        return None

    def _invoke(self, request):
        return _apply(getattr(self._resolve(request["ref"]), request["fn"]), request)

    def _batch(self, request):
        if "ref" in request:
            owner = self._resolve(request["ref"])
            name = "%s.%s.%s" % (type(owner).__module__, type(owner).__qualname__, request["fn"])
        else:
            owner = self._loader.get(request["mod"])
            name = "%s.%s" % (owner.__name__, request["fn"])
        return run_batch(getattr(owner, request["fn"]), name, request["args"][0])

    def _getattr(self, request):
        if "ref" in request:
            owner = self._resolve(request["ref"])
        else:
            owner = self._loader.get(request["mod"])
        return getattr(owner, request["name"])

    def _cancel(self, request):
        """Cancels the task of call ``call`` (its Java future was cancelled); a call that
        is not a running task has ended already, or was a plain call (interrupted through
        the cancel slots where the shared-memory file exists, else run to its end)."""
        task = self._tasks.get(request["call"])
        if task is not None:
            task.cancel()

    def _release_op(self, request):
        self._registry.release(request["refs"])

    def _ping(self, request):
        self._run_held_releases()
        return {"pid": os.getpid(), "registry": self._registry.size(),
                "python": "%d.%d.%d" % sys.version_info[:3]}


    def _iter(self, request):
        return AsRef(open_stream(self._resolve(request["ref"])))

    def _next(self, request):
        stream = self._stream(request["ref"])
        limit = request.get("max") or 1
        budget = self._codec.max_frame_bytes // 2
        if stream.is_async:
            return self._fitted_async(request[ID], stream, stream.anext_batch(limit, budget))
        return self._fitted(request[ID], stream, stream.next_batch(limit, budget))

    async def _fitted_async(self, rid, stream, batch):
        return self._fitted(rid, stream, await batch)

    def _fitted(self, rid, stream, batch):
        """The reply to a ``next`` request: when the batch does not fit in one frame, its
        second half goes back to the stream, until the rest fits; an item that does not
        fit alone fails this request."""
        items = batch["items"]
        while True:
            try:
                return _Encoded(self._codec.encode_ok(rid, batch))
            except ValueError as exc:
                if len(items) <= 1 or not is_frame_too_large(exc):
                    raise
                keep = len(items) // 2
                stream.put_back(items[keep:])
                items = items[:keep]
                batch = {"items": items, "done": False}

    def _close(self, request):
        return self._stream(request["ref"]).close()

    def _stream(self, ref):
        stream = self._resolve(ref)
        if type(stream) is not Stream:
            raise TypeError("%s is not a stream" % (ref,))
        return stream


class _Encoded:
    """A reply frame that an op encoded itself (see ``Server._fitted``)."""

    __slots__ = ("frame",)

    def __init__(self, frame):
        self.frame = frame


def _as_requested(request, result):
    """The result as the request's ``as`` asks: a ref (``"ref"``: the Java side declared a
    handle), a ref to a stream over it (``"stream"``), a list or array (``"list"``) or a
    dict (``"map"``: the Java side declared one); else the result itself."""
    form = request.get("as")
    if form is None:
        return result
    if form == "list":
        return as_list(result)
    if form == "map":
        return as_map(result)
    if form == "stream":
        return AsRef(open_stream(result))
    if form == "ref" and result is not None:
        return AsRef(result)
    return result


def _is_named_construct(request):
    """Whether a request is a one-way construct that names its object, without a
    timeout, deadline or trace."""
    return request.get("op") == "construct" and "new" in request and _is_one_way(request)


def _is_one_way(request):
    """Whether a request wants no reply and has no timeout, deadline or trace."""
    return (request.get("noreply") is True and TIMEOUT not in request and DEADLINE not in request
            and TRACEPARENT not in request)


def _is_awaitable(result):
    """inspect.isawaitable, remembering a type found not awaitable (an ndarray, a
    model's usual result): apart from generators, whose code flags decide, the answer
    depends on the type alone (``__await__``, or a coroutine type)."""
    if inspect.isawaitable(result):
        return True
    kind = type(result)
    if kind is not types.GeneratorType and len(_NOT_AWAITABLE) < _MAX_NOT_AWAITABLE:
        _NOT_AWAITABLE.add(kind)
    return False


def _apply(fn, request):
    args = request.get("args") or ()
    kw = request.get("kw")
    convert = plan_for(fn)
    if convert is not None:
        args, kw = convert(args, kw)
    return fn(*args, **kw) if kw else fn(*args)



def _format_traceback(exc):
    """The traceback text, starting at the first frame outside this package."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_globals.get("__name__", "").startswith(_PACKAGE + "."):
        tb = tb.tb_next
    return format_all(exc, tb)  # None: raised by the worker itself, keep it all


def _raiser(exc):
    """A read function that raises ``exc``: a frame that failed as it was read, served
    as the serve loop serves one."""
    def read():
        raise exc
    return read
