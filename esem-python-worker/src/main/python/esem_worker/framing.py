"""Newline-delimited frames over raw file descriptors.

The reader buffers by itself (no ``io`` layers), reads large chunks, and splits
frames straight from its buffer; a read that brings exactly one whole frame, the
usual case, skips the buffer. Before it blocks for input it watches the descriptor
for a few microseconds. The writer writes each frame whole, at once.
"""

import os
import re
import select
import threading
import time

__all__ = ["FrameError", "FrameReader", "FrameWriter", "frame_id", "format_size"]

_READ_SIZE = 1 << 16
# After a reply, how long to watch for the next request before blocking in a read: a
# caller that sends its next call at once (a sequential loop, a construct followed by
# a method call) then finds the worker awake, which saves a wake-up (the dearest part
# of a round trip on a small machine). Longer spins took CPU the caller needed.
_POLL_SECONDS = 30e-6
# Compact the buffer once this much of it has been consumed.
_COMPACT_AT = 1 << 16
_ID_RE = re.compile(rb'\s*\{\s*"id"\s*:\s*(-?\d+)')


def frame_id(data):
    """The request id at the start of a frame, or None (for frames that did not decode)."""
    match = _ID_RE.match(data)
    return int(match.group(1)) if match else None


def format_size(n):
    return "%.2f MiB (%d bytes)" % (n / 1048576.0, n)


class FrameError(ValueError):
    """A frame that was skipped (too large) or cut short by end of input.

    ``id`` is the request id found at the frame's start, or None.
    """

    def __init__(self, message, id=None):
        super().__init__(message)
        self.id = id


class FrameReader:
    """Reads ``\\n``-terminated frames from ``fd``, refusing any over ``max_bytes``."""

    def __init__(self, fd, max_bytes):
        self._fd = fd
        self._max = max_bytes
        self._buf = bytearray()
        self._pos = 0  # start of the next unread frame in _buf
        self._eof = False
        self._poll = None  # select.poll is not on every platform: then no watching
        if hasattr(select, "poll"):
            self._poll = select.poll()
            self._poll.register(fd, select.POLLIN)

    def read_frame(self):
        """Returns the next frame (bytes-like) without its newline, or None at end of input.

        Raises FrameError for a frame over the limit (skipped up to its newline) or
        a frame cut by end of input; reading can go on after either.
        """
        buf = self._buf
        if not buf and not self._eof:
            if self._poll is not None:
                deadline = time.perf_counter() + _POLL_SECONDS
                while not self._poll.poll(0) and time.perf_counter() < deadline:
                    pass
            chunk = os.read(self._fd, _READ_SIZE)
            end = chunk.find(b"\n")
            if end == len(chunk) - 1 and 0 <= end <= self._max:
                return chunk[:end]
            if not chunk:
                self._eof = True
                return None
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
        """The next frame already read, or None without reading (see :meth:`read_frame`
        for what it raises). A frame over the limit is skipped, reading on to its end."""
        buf = self._buf
        end = buf.find(b"\n", self._pos)
        if end < 0:
            if len(buf) - self._pos > self._max:
                self._skip_oversized()  # always raises
            return None
        start = self._pos
        self._pos = end + 1
        if end - start > self._max:
            head = bytes(buf[start:start + 64])
            self._consumed()
            raise self._too_large(end - start, head)
        with memoryview(buf) as view:
            frame = bytes(view[start:end])
        self._consumed()
        return frame

    def at_eof(self):
        """Whether input has ended (frames may still be buffered)."""
        return self._eof

    def has_buffered(self):
        """Whether bytes of a next frame were read already (so reading would not block)."""
        return len(self._buf) > self._pos

    def _fill(self):
        if self._eof:
            return False
        chunk = os.read(self._fd, _READ_SIZE)
        if not chunk:
            self._eof = True
            return False
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
        return FrameError("request frame of %s exceeds the max frame size of %s"
                          % (format_size(size), format_size(self._max)), frame_id(head))


class FrameWriter:
    """Writes each frame to ``fd`` whole, at once.

    Thread-safe: the main loop sends replies, while log records may be sent from
    any thread.
    """

    def __init__(self, fd):
        self._fd = fd
        self._lock = threading.Lock()
        self._closed = False

    def send(self, frame):
        """Writes one frame; frames sent after close are dropped."""
        with self._lock:
            if self._closed:
                return
            written = os.write(self._fd, frame)
            if written < len(frame):
                view = memoryview(frame)[written:]
                while view:
                    view = view[os.write(self._fd, view):]

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
        if not self._closed:
            self._closed = True
            try:
                os.close(self._fd)
            except OSError:
                pass
