"""The wire format: newline-delimited frames over raw file descriptors, with binary
segments. Everything the worker knows of a frame's header lives here.

A frame is one line of JSON. Bulk data (bytes, array data, long strings) travels
beside it, as raw binary segments right after its newline; a frame followed by
segments says so in its second member, ``{"id":7,"$b":[8000000,12],...}``, which
lists their lengths in order. The limit on a frame's size counts its segments.

The reader buffers by itself (no ``io`` layers), reads large chunks, and splits
frames straight from its buffer; a read that brings exactly one whole frame, the
usual case, skips the buffer (with its segments too: a small array's call); a large
segment is read straight into its own buffer.
Before it blocks for input it watches the descriptor for a few microseconds. The
writer writes each frame whole, at once, with its segments (a small frame's joined
into one plain write)::

    pipe ──► FrameReader.read_frame ──► bytes, or a Frame with .segments ──► codec
    codec ──► bytes, or [bytes, segment...] ──► FrameWriter.send ──► pipe
                                      (large segments: shm area, lengths negated)
"""

import io
import os
import re
import select
import threading
import time

__all__ = ["Frame", "FrameError", "FrameReader", "FrameWriter", "CALLBACK", "DEADLINE", "ID",
           "SEGMENTS", "TIMEOUT", "TRACEPARENT", "INT_REPLY", "JSON_REPLY", "SEGMENT_REPLY",
           "CALLBACK_SCALARS",
           "format_size", "frame_id", "frame_too_large", "is_answer", "is_frame_too_large", "is_release",
           "negate_segments", "segment_lengths", "with_segments"]

# ---- the header: what a frame says before its body
#
# A request or reply starts with its request id, ``{"id":7``; a callback request of the
# worker's (Python calling a Java function) with its number, ``{"cb":3``. A frame that
# binary segments follow lists their lengths as its second member, ``"$b":[800,-5]``
# (negative: in the shared area, see ``shm``). A request may also carry:
ID = "id"
CALLBACK = "cb"
SEGMENTS = "$b"
TIMEOUT = "to"  # how long the call may run, in milliseconds
DEADLINE = "dl"  # when its caller gives up, in milliseconds since the epoch
TRACEPARENT = "tp"  # the W3C traceparent of the Java span around the call
AHEAD = "ahead"  # named constructs to run before the request (written into it)
# Where the header lies in a frame's bytes: after the 6 bytes of ``{"id":`` (or
# ``{"cb":``) and within 42 bytes of the start, room for an id of 20 digits and the
# start of the second member. Readers look there alone, so the body is never scanned.
_HEAD_START = 6
_HEAD_END = 42
_ID_RE = re.compile(rb'\s*\{\s*"id"\s*:\s*(-?\d+)')
_SEGMENTS_KEY = b'"$b"'
# What follows the id of a frame with binary segments.
_SEGMENTS_TABLE = b',"$b":['
# A release, as the Java side writes it: ``{"id":N,"op":"release",...``.
_RELEASE = b',"op":"release",'
# The answer to a callback request, as the Java side writes it: ``{"id":N,"op":"cbret",...``.
_ANSWER = b',"op":"cbret",'

# Reply frames that the codec formats without building a dict (``%d`` the request id):
# an int result; a result's JSON text; a result's JSON text that refers to one segment
# of ``%d`` bytes (its index 0).
INT_REPLY = '{"id":%d,"ok":%d}\n'
JSON_REPLY = '{"id":%d,"ok":%s}\n'
SEGMENT_REPLY = '{"id":%d,"$b":[%d],"ok":%s}\n'
# A callback request whose arguments are scalars (``%d`` its number, ``%s`` the function
# id's JSON text and the arguments' JSON texts, comma-separated).
CALLBACK_SCALARS = '{"cb":%d,"fn":%s,"args":[%s]}\n'
# The event that lists the Java functions Python dropped (``%s`` their ids' JSON texts,
# comma-separated).
FUNCTIONS_DROPPED = '{"ev":"fndrop","ids":[%s]}\n'

_READ_SIZE = 1 << 16
# After a reply, how long to watch for the next request before blocking in a read: a
# caller that sends its next call at once (a sequential loop, a construct followed by
# a method call) then finds the worker awake, which saves a wake-up (the dearest part
# of a round trip on a small machine). Longer spins took CPU the caller needed.
_POLL_SECONDS = 30e-6
# Each look of a watch gives the processor to any thread waiting for it: when the Java
# threads share this one (the other core busy with a compiler, a collector, another
# process), a watch that did not would keep from running, for all its 30 µs, the very
# thread that is to write what it watches for. With nothing else to run it returns at once.
_yield = getattr(os, "sched_yield", lambda: None)
# Compact the buffer once this much of it has been consumed.
_COMPACT_AT = 1 << 16
# A frame whose text and segments come to at most this many bytes is joined and written
# in one plain write: a copy of a few KiB costs less than the views of a vectored write,
# and segments this small never go to the shared area (see shm.THRESHOLD).
_JOIN_BYTES = 4096
# The most buffers one os.writev takes (IOV_MAX is at least 1024 on Linux and macOS).
_WRITEV_MAX = 1024


def frame_id(data):
    """The request id at the start of a frame, or None (for frames that did not decode)."""
    match = _ID_RE.match(data)
    return int(match.group(1)) if match else None


def is_release(frame):
    """Whether the request frame is a ``release`` (which the server holds, see there)."""
    return frame.find(_RELEASE, _HEAD_START, _HEAD_END) > 0


def is_answer(frame):
    """Whether the request frame is a ``cbret``, the answer to a callback request."""
    return frame.find(_ANSWER, _HEAD_START, _HEAD_END) > 0


def format_size(n):
    return "%.2f MiB (%d bytes)" % (n / 1048576.0, n)


def frame_too_large(direction, size, limit, rid=None):
    """The error for a frame of ``size`` bytes over ``limit``, marked so that the Java
    side raises its frame-limit exception: for a ``"request"`` frame a FrameError with
    the request's id (reading goes on), for a ``"reply"`` frame a ValueError (the value
    could not be encoded)."""
    message = "%s frame of %s exceeds the max frame size of %s" % (
        direction, format_size(size), format_size(limit))
    error = FrameError(message, rid) if direction == "request" else ValueError(message)
    error.frame_limit = True
    return error


def is_frame_too_large(exc):
    """Whether ``exc`` is the error of a frame over the max frame size."""
    return getattr(exc, "frame_limit", False)


def with_segments(frame, segments):
    """``frame``, a dict to encode whose first member is its head (ID or CALLBACK), with
    the lengths of the ``segments`` that follow it as its second member."""
    members = iter(frame.items())
    framed = dict((next(members),))
    framed[SEGMENTS] = [len(segment) for segment in segments]
    framed.update(members)
    return framed


def segment_lengths(data, start=0, end=None):
    """The lengths of the binary segments that follow the frame ``data[start:end]``, or
    None when none do; a negative length is a segment in the shared area (see
    :mod:`.shm`). Raises FrameError for a table that is not a list of lengths."""
    comma = data.find(b",", start + _HEAD_START, start + _HEAD_END)
    if comma < 0 or not data.startswith(_SEGMENTS_TABLE, comma):
        return None
    first = comma + len(_SEGMENTS_TABLE)
    close = data.find(b"]", first, end)
    try:
        if close > first:
            table = data[first:close]
            lengths = [int(n) for n in table.split(b",")] if b"," in table else [int(table)]
        else:
            lengths = []
    except ValueError:
        lengths = None
    if close < 0 or lengths is None:
        raise FrameError("a frame with a bad table of binary segments",
                         frame_id(bytes(data[start:start + 64])))
    return lengths


def negate_segments(text, indexes):
    """The frame text with the segment lengths at ``indexes`` of its table negated (those
    segments went to the shared area)."""
    first = text.index(_SEGMENTS_TABLE) + len(_SEGMENTS_TABLE)
    close = text.index(b"]", first)
    lengths = bytes(text[first:close]).split(b",")
    for i in indexes:
        lengths[i] = b"-" + lengths[i]
    return b"".join((text[:first], b",".join(lengths), text[close:]))


def _piped(lengths):
    """How many bytes of segments follow a frame on the pipe."""
    return sum(n for n in lengths if n > 0) if lengths else 0


def _total(lengths):
    return sum(map(abs, lengths))


class Frame(bytes):
    """A frame's JSON text, with the binary segments that came after it: ``segments``,
    a list of writable buffers which the frame's values own: bytearrays, or memoryviews
    over the shared area (see :mod:`.shm`)."""


class FrameError(ValueError):
    """A frame that was skipped (too large) or cut short by end of input.

    ``id`` is the request id found at the frame's start, or None.
    """

    def __init__(self, message, id=None):
        super().__init__(message)
        self.id = id


class FrameReader:
    """Reads ``\\n``-terminated frames from ``fd``, refusing any over ``max_bytes``."""

    def __init__(self, fd, max_bytes, shared=None):
        self._fd = fd
        self._shared = shared  # a shm.SharedSegments, or None: segments come on the pipe
        self._raw = io.FileIO(fd, "rb", closefd=False)  # reads into a segment's own buffer
        self._max = max_bytes
        self._buf = bytearray()
        self._pos = 0  # start of the next unread frame in _buf
        self._eof = False
        self._skip = 0  # bytes still to drop: the segments of a frame over the limit
        self._poll = None  # select.poll is not on every platform: then no watching
        if hasattr(select, "poll"):
            self._poll = select.poll()
            self._poll.register(fd, select.POLLIN)

    def read_frame(self):
        """Returns the next frame (bytes-like) without its newline, or None at end of input;
        a frame with binary segments is a :class:`Frame`.

        Raises FrameError for a frame over the limit (skipped with its segments) or a
        frame cut by end of input; reading can go on after either.
        """
        line = self._read_line()
        if line is None or type(line) is Frame or line.find(_SEGMENTS_KEY, _HEAD_START, _HEAD_END) < 0:
            return line  # most frames: no segments
        lengths = segment_lengths(line)
        return line if lengths is None else self._read_segments(line, lengths)

    def _read_line(self):
        """The next frame's line; or, when one read brought exactly one frame and its
        segments, that whole Frame."""
        buf = self._buf
        if not buf and not self._eof and not self._skip:
            self.watch()  # before the read blocks: a frame that comes meanwhile saves a wake-up
            chunk = os.read(self._fd, _READ_SIZE)
            end = chunk.find(b"\n")
            if end == len(chunk) - 1 and 0 <= end <= self._max:
                return chunk[:end]
            if not chunk:
                self._eof = True
                return None
            if end >= 0 and chunk.find(_SEGMENTS_KEY, _HEAD_START, _HEAD_END) > 0:
                frame = self._whole_frame(chunk, end)
                if frame is not None:
                    return frame
            buf += chunk
        scan = self._pos
        while True:
            end = buf.find(b"\n", scan)
            if end >= 0:
                start = self._pos
                self._pos = end + 1
                if end - start > self._max:
                    head = bytes(buf[start:start + 64])
                    self._consumed()
                    raise self._too_large(end - start, head)
                if start == 0 and end == len(buf) - 1:
                    # the frame fills the buffer (a large one, read in pieces): hand
                    # the buffer over rather than copy it
                    self._buf = bytearray()
                    self._pos = 0
                    del buf[end:]
                    return buf
                with memoryview(buf) as view:
                    frame = bytes(view[start:end])  # one copy, not two
                self._consumed()
                return frame
            if len(buf) - self._pos > self._max:
                self._skip_oversized()  # always raises
            scan = len(buf)
            if not self._fill():
                return self._at_eof()

    def fileno(self):
        return self._fd

    def fill_once(self):
        """Reads once, for a caller that knows input is ready (so this does not block);
        returns False at end of input."""
        return self._fill()

    def poll_frame(self):
        """The next frame already read with its segments, or None without reading (see
        :meth:`read_frame` for what it raises). A frame over the limit is skipped,
        reading on to its end."""
        buf = self._buf
        end = buf.find(b"\n", self._pos)
        if end < 0:
            if len(buf) - self._pos > self._max:
                self._skip_oversized()  # always raises
            return None
        start = self._pos
        lengths = segment_lengths(buf, start, end)
        piped = _piped(lengths)
        if lengths is not None and end - start + _total(lengths) <= self._max:
            if len(buf) - end - 1 < piped:
                return None  # its segments are not all here yet
            self._pos = end + 1
            frame = Frame(buf[start:end])
            shared = self._take_shared(frame, lengths)
            frame.segments = [shared[i] if n < 0 else self._take_buffered(n)
                              for i, n in enumerate(lengths)]
            self._consumed()
            return frame
        self._pos = end + 1
        if lengths is not None:
            head = bytes(buf[start:start + 64])
            self._drop_segments(piped)
            self._drop_shared(lengths)
            raise self._too_large(end - start + _total(lengths), head)
        if end - start > self._max:
            head = bytes(buf[start:start + 64])
            self._consumed()
            raise self._too_large(end - start, head)
        with memoryview(buf) as view:
            frame = bytes(view[start:end])
        self._consumed()
        return frame

    def _whole_frame(self, chunk, end):
        """The Frame that ``chunk`` holds when it is exactly one frame (its newline at
        ``end``) and all its segments, every one on the pipe and within the limit (a
        small array's call, read at once): its segments are copied straight out of the
        chunk. Else None, and the buffered path reads it (and raises what it finds)."""
        try:
            lengths = segment_lengths(chunk, 0, end)
        except FrameError:
            return None
        if not lengths or min(lengths) < 0:
            return None
        at = end + 1
        total = len(chunk) - at
        if total != sum(lengths) or end + total > self._max:
            return None
        frame = Frame(chunk[:end])
        if len(lengths) == 1:
            frame.segments = [bytearray(chunk[at:])]
            return frame
        segments = frame.segments = []
        for n in lengths:
            segments.append(bytearray(chunk[at:at + n]))
            at += n
        return frame

    def _read_segments(self, line, lengths):
        """The frame ``line`` with its segments, read from the buffer and then straight
        into each segment's own buffer; over the limit, they are dropped as they come."""
        total = _total(lengths)
        if len(line) + total > self._max:
            head = bytes(line[:64])
            self._drop_shared(lengths)
            self._drop_segments(_piped(lengths))
            while self._skip and self._fill():
                pass
            raise self._too_large(len(line) + total, head)
        shared = self._take_shared(line, lengths)
        segments = []
        for i, n in enumerate(lengths):
            if n < 0:
                segments.append(shared[i])
                continue
            segment = bytearray(n)
            got = min(n, len(self._buf) - self._pos)
            with memoryview(self._buf) as buffered:
                segment[:got] = buffered[self._pos:self._pos + got]
            self._pos += got
            self._consumed()
            with memoryview(segment) as view:
                while got < n:
                    read = self._raw.readinto(view[got:])
                    if not read:
                        self._eof = True
                        raise FrameError("input ended inside the binary segments of a frame",
                                         frame_id(bytes(line[:64])))
                    got += read
            segments.append(segment)
        frame = Frame(line)
        frame.segments = segments
        return frame

    def _take_shared(self, line, lengths):
        """The frame's segments in the shared area, in place: {index: memoryview}."""
        if min(lengths, default=0) >= 0:
            return None
        if self._shared is None:
            raise FrameError("a frame names shared segments, but no shared area is open",
                             frame_id(bytes(line[:64])))
        try:
            return self._shared.take(lengths)
        except ValueError as ex:
            raise FrameError(str(ex), frame_id(bytes(line[:64]))) from None

    def _drop_shared(self, lengths):
        """Frees the shared area of a frame that is skipped (over the limit)."""
        if self._shared is not None and min(lengths, default=0) < 0:
            self._shared.drop(lengths)

    def _take_buffered(self, n):
        """Up to ``n`` buffered bytes, taken out of the buffer as a new bytearray."""
        pos = self._pos
        segment = self._buf[pos:pos + n]
        self._pos = pos + len(segment)
        self._consumed()
        return segment

    def _drop_segments(self, total):
        """Drops the segments of a frame over the limit: what is buffered now, the rest
        as it is read."""
        dropped = min(total, len(self._buf) - self._pos)
        self._pos += dropped
        self._consumed()
        self._skip = total - dropped

    def watch(self):
        """Watches for input for a moment without blocking; returns whether some came."""
        if self._poll is None:
            return False
        poll = self._poll.poll
        deadline = time.perf_counter() + _POLL_SECONDS
        while not poll(0):
            if time.perf_counter() >= deadline:
                return False
            _yield()
        return True

    def wait_readable(self, timeout_ms):
        """Waits up to ``timeout_ms`` for input, reading nothing; returns whether there
        is some (or end of input) to read."""
        if self._eof or self._skip or self._poll is None:
            return True  # without poll (Windows pipes), the read that follows waits
        return bool(self._poll.poll(timeout_ms))

    def has_buffered(self):
        """Whether bytes of a next frame were read already (so reading would not block)."""
        return len(self._buf) > self._pos

    def has_line(self):
        """Whether the whole line of a next frame was read already (its binary segments,
        written with it, may still be on their way)."""
        return self._buf.find(b"\n", self._pos) >= 0

    def has_call_line(self):
        """Whether the whole line of a next frame was read already, and it is not a
        release (one the Java side wrote after a request, in the same write)."""
        pos = self._pos
        return self.has_line() and self._buf.find(_RELEASE, pos + _HEAD_START, pos + _HEAD_END) < 0

    def _fill(self):
        if self._eof:
            return False
        chunk = os.read(self._fd, _READ_SIZE)
        if not chunk:
            self._eof = True
            return False
        if self._skip:
            dropped = min(self._skip, len(chunk))
            self._skip -= dropped
            chunk = chunk[dropped:]
        self._buf += chunk
        return True

    def _consumed(self):
        if self._pos == len(self._buf):
            self._buf.clear()
            self._pos = 0
        elif self._pos >= _COMPACT_AT:
            del self._buf[:self._pos]
            self._pos = 0

    def _at_eof(self):
        rest = len(self._buf) - self._pos
        if not rest:
            return None
        head = bytes(self._buf[self._pos:self._pos + 64])
        self._buf.clear()
        self._pos = 0
        raise FrameError("input ended inside a frame (%d bytes without a newline)" % rest,
                         frame_id(head))

    def _skip_oversized(self):
        # Drop the frame's bytes as they come, keeping only its head for the id;
        # whatever follows its newline stays buffered.
        buf = self._buf
        head = bytes(buf[self._pos:self._pos + 64])
        size = len(buf) - self._pos
        buf.clear()
        self._pos = 0
        while True:
            if not self._fill():
                raise FrameError("input ended inside an oversized frame of %s"
                                 % format_size(size), frame_id(head))
            end = buf.find(b"\n")
            if end >= 0:
                size += end
                del buf[:end + 1]
                raise self._too_large(size, head)
            size += len(buf)
            buf.clear()

    def _too_large(self, size, head):
        return frame_too_large("request", size, self._max, frame_id(head))


class FrameWriter:
    """Writes each frame to ``fd`` whole, at once.

    Thread-safe: the main loop sends replies, while log records may be sent from
    any thread.
    """

    def __init__(self, fd, shared=None):
        self._fd = fd
        self._shared = shared  # a shm.SharedSegments for large segments, or None
        self._lock = threading.Lock()
        self._closed = False

    def send(self, frame):
        """Writes one frame: bytes, or a list of the frame's bytes and its binary
        segments (bytes-like objects whose len() is their size in bytes, written as they
        are, without copying, unless all of it is small: see _JOIN_BYTES). Frames sent
        after close are dropped."""
        with self._lock:
            if self._closed:
                return
            if type(frame) is list:
                if sum(map(len, frame)) <= _JOIN_BYTES:
                    frame = b"".join(frame)  # small segments: one copy, one plain write
                elif self._shared is None:
                    self._send_parts(frame)
                    return
                else:
                    self._send_parts(self._shared.place(frame))
                    self._shared.settle()  # segments sent where they lie are read before anything runs on
                    return
            written = os.write(self._fd, frame)
            if written < len(frame):
                view = memoryview(frame)[written:]
                while view:
                    view = view[os.write(self._fd, view):]

    def _send_parts(self, parts):
        views = [memoryview(part).cast("B") for part in parts]
        if not hasattr(os, "writev"):
            for view in views:
                while view:
                    view = view[os.write(self._fd, view):]
            return
        at = 0
        while at < len(views):
            written = os.writev(self._fd, views[at:at + _WRITEV_MAX])
            while at < len(views) and written >= len(views[at]):
                written -= len(views[at])
                at += 1
            if written:
                views[at] = views[at][written:]

    def close(self):
        """Closes the descriptor; later frames are dropped."""
        with self._lock:
            self._closed = True
            os.close(self._fd)

    def abandon(self):
        """For a forked child: closes this process's copy of the descriptor (the
        parent's stays open) and drops later frames. Takes no lock: another thread of
        the parent may have held it at the fork, and only one thread runs now."""
        self._lock = threading.Lock()
        self._shared = None
        if not self._closed:
            self._closed = True
            try:
                os.close(self._fd)
            except OSError:
                pass
