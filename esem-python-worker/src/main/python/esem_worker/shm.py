"""Bulk binary segments through a shared-memory file instead of the pipe.

The Java side creates one file per worker (under /dev/shm) and names it with
``--shm``; the worker opens it at start, says so in its hello, and the name is
unlinked at once, so nothing is left behind whichever side dies. The file holds::

    [header, 4 KiB][Java -> Python area][Python -> Java area]

each area ``capacity`` bytes. A sender puts a frame's large segments into its own
area, one after another (each at a 64-byte boundary), and writes the frame on the
pipe with their lengths negated in its ``"$b"`` table: ``"$b":[-8000000,5]``. The
receiver copies them out of the area into buffers of its own before it hands the frame
on, and then counts the frame as consumed in the header (int64 little-endian: at 0 the
Java -> Python frames the worker has consumed, at 8 the Python -> Java frames Java has
consumed). A sender uses its area only when every frame it put there has been consumed;
otherwise, and for segments that do not fit, the pipe carries them. So data that a
receiver's code keeps is always its own copy, and an area is never written while
anyone reads it.

The header also holds the cancel slots: at 16 the count of plain calls Java has
cancelled (int64, written by Java after the id), at 24 a ring of 16 int64 call ids, the
n-th cancel in slot ``n % 16``. The worker's interrupter reads them while the main
thread runs a call, which is how a cancel reaches a running plain call (see
``interrupts``).

A sender reserves the area's pages (``posix_fallocate``) before it first writes them,
so a full /dev/shm fails the reservation (the pipe is used) rather than the write.
"""

import mmap
import os
import struct

from .framing import negate_segments

__all__ = ["SharedSegments", "THRESHOLD"]

# Segments of at least this many bytes take the shared area when it is free.
THRESHOLD = 1 << 17
HEADER = 4096
_ALIGN = 64
_JAVA_CONSUMED = 0  # written by the worker
_PYTHON_CONSUMED = 8  # written by Java
_CANCELS = 16  # written by Java: how many calls it cancelled
_CANCEL_RING = 24  # written by Java: the ids of the last 16 of them
_CANCEL_SLOTS = 16


def _aligned(n):
    return (n + _ALIGN - 1) & ~(_ALIGN - 1)


class SharedSegments:
    """The worker's side of its shared-memory file: reads segments out of the Java ->
    Python area and places reply segments in the Python -> Java area."""

    def __init__(self, fd, capacity):
        self._fd = fd
        self._capacity = capacity
        self._map = mmap.mmap(fd, HEADER + 2 * capacity)
        self._view = memoryview(self._map)
        self._in = HEADER
        self._out = HEADER + capacity
        self._consumed = 0  # Java -> Python frames read out
        self._sent = 0  # Python -> Java frames placed
        self._reserved = 0  # bytes of the outgoing area reserved so far
        self._growable = True

    @classmethod
    def open(cls, path, capacity):
        """Opens the file Java created and unlinks its name; None when that fails
        (then the pipe carries everything)."""
        try:
            fd = os.open(path, os.O_RDWR)
        except OSError:
            return None
        try:
            os.unlink(path)
        except OSError:
            pass
        try:
            if os.fstat(fd).st_size < HEADER + 2 * capacity:
                raise OSError("the shared-memory file is smaller than announced")
            return cls(fd, capacity)
        except (OSError, ValueError):
            os.close(fd)
            return None

    # ---- receiving

    def take(self, lengths):
        """Copies the shared segments of one frame (negative entries of ``lengths``) out
        of the incoming area; returns {index: bytearray}. Marks the frame consumed."""
        taken = {}
        at = self._in
        view = self._view
        for i, n in enumerate(lengths):
            if n < 0:
                n = -n
                if at + n > self._in + self._capacity:
                    raise ValueError("a shared segment lies outside its area")
                taken[i] = bytearray(view[at:at + n])
                at += _aligned(n)
        self.drop()
        return taken

    def drop(self):
        """Marks a frame's shared segments consumed without reading them (a skipped frame)."""
        self._consumed += 1
        struct.pack_into("<q", self._map, _JAVA_CONSUMED, self._consumed)

    # ---- cancels

    def cancelled_since(self, seen):
        """The count of cancels Java has written, and the call ids of those after the
        first ``seen`` (the last 16 at most)."""
        count = struct.unpack_from("<q", self._map, _CANCELS)[0]
        if count == seen:
            return seen, ()
        return count, [struct.unpack_from("<q", self._map, _CANCEL_RING + 8 * (n % _CANCEL_SLOTS))[0]
                       for n in range(max(seen, count - _CANCEL_SLOTS), count)]

    # ---- sending

    def place(self, parts):
        """For a frame given as ``[text, segment...]``: puts the large segments into the
        outgoing area when it is free, and returns the parts to write on the pipe (the
        text with those lengths negated, and the other segments); returns ``parts``
        unchanged when nothing was placed. Called under the writer's lock."""
        if struct.unpack_from("<q", self._map, _PYTHON_CONSUMED)[0] != self._sent:
            return parts  # Java has not read out the previous frame yet
        at = 0
        placed = []
        for i in range(1, len(parts)):
            n = len(memoryview(parts[i]).cast("B"))
            if n >= THRESHOLD and at + n <= self._capacity and self._reserve(at + n):
                placed.append(i)
                at += _aligned(n)
        if not placed:
            return parts
        view = self._view
        at = self._out
        for i in placed:
            data = memoryview(parts[i]).cast("B")
            view[at:at + len(data)] = data
            at += _aligned(len(data))
        self._sent += 1
        return [negate_segments(parts[0], [i - 1 for i in placed])] + [
            part for i, part in enumerate(parts) if i > 0 and i not in placed]

    def _reserve(self, end):
        if end <= self._reserved:
            return True
        if not self._growable:
            return False
        try:
            os.posix_fallocate(self._fd, self._out, _aligned(end))
        except (OSError, AttributeError):
            self._growable = False
            return False
        self._reserved = _aligned(end)
        return True
