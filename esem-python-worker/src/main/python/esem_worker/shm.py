"""Bulk binary segments through a shared-memory file instead of the pipe.

The Java side creates one file per worker (under /dev/shm) and names it with
``--shm``; the worker opens it at start, says so in its hello, and the name is
unlinked at once, so nothing is left behind whichever side dies. The file holds::

    [header, 4 KiB][Java -> Python area][Python -> Java area]

each area ``capacity`` bytes. A frame's segment that lies in the file is listed in the
frame's ``"$b"`` table with its length negated (``"$b":[-8000000,5]``) and is not
written on the pipe; where it lies is described in the header, in the order the
segments are listed on the pipe.

Java to Python: Java puts each large segment into a region of its own in the Java ->
Python area and describes it in the next slot of its ring. The worker does not copy
it: it hands out a buffer over the region (an ``ndarray`` Java sent is a numpy array
over it), and frees the region, by zeroing its slot's length, only once no Python
object refers to that buffer any more. So an array that Python code keeps never
changes: its region is not reused while it lives. A forked child maps the file
privately over the same addresses, so what it writes into its copies stays its own. Java places a segment only where
no held region lies, and only while a slot is free; otherwise the pipe carries it.

Python to Java: a large segment that already lies in the Java -> Python area (an
array received and returned, as an echo does) is sent where it lies; any other is
copied into the Python -> Java area, one after another from its start, while every
segment put there before has been read. Java copies each one out on reading the frame
(straight into the array it returns) and counts it read in the header. The worker
writes nothing more until Java has read the segments it sent where they lie, so
later Python code cannot change what Java reads.

Header (int64, little-endian):

- 0: Java -> Python segments the worker has taken (written by the worker);
- 8: Python -> Java segments Java has read (written by Java);
- 16: how many calls Java has cancelled, 24: a ring of the ids of the last 16 of them,
  the n-th cancel in slot ``n % 16`` (written by Java; see ``interrupts``);
- 1024: the Java -> Python regions, 64 slots of (offset, length, number, 0): the n-th
  shared segment Java sent, in any slot whose length was 0, with its offset from the
  file's start and number n; Java writes the offset and number, then the length; the
  worker writes length 0 when it frees the region, which frees the slot;
- 3072: the Python -> Java ring, 64 slots of (offset, length), written by the worker:
  the n-th shared segment it sent in slot ``n % 64``; a slot is reused once Java has
  read the segment 64 before.

A sender reserves its pages before it first writes them (``posix_fallocate`` here), so
a full /dev/shm makes it fall back to the pipe rather than fail.
"""

import mmap
import os
import struct
import time
import weakref

from .framing import negate_segments

__all__ = ["SharedSegments", "THRESHOLD"]

# Segments of at least this many bytes take the shared file when there is room.
THRESHOLD = 1 << 17
HEADER = 4096
_ALIGN = 64
_JAVA_TAKEN = 0  # written by the worker
_PYTHON_TAKEN = 8  # written by Java
_CANCELS = 16  # written by Java: how many calls it cancelled
_CANCEL_RING = 24  # written by Java: the ids of the last 16 of them
_CANCEL_SLOTS = 16
_JAVA_REGIONS = 1024  # (offset, length, number, 0) of the Java -> Python segments held
_PYTHON_RING = 3072  # (offset, length) of the Python -> Java segments
RING_SLOTS = 64
# While Java reads segments sent where they lie (a few ms for large ones), the worker
# looks every _SETTLE_PAUSE seconds whether it has: Java copies them on both cores, so
# the worker sleeps rather than spins, but not much longer than the copy. After
# _SETTLE_BRISK seconds (a Java side slow to read) the pauses double, up to 2 ms.
_SETTLE_PAUSE = 50e-6
_SETTLE_BRISK = 0.005
_LONG = struct.Struct("<q")
_SLOT = struct.Struct("<qq")
_REGIONS = struct.Struct("<%dq" % (4 * RING_SLOTS))
_MAP_FIXED = 0x10  # Linux, where /dev/shm is


def _aligned(n):
    return (n + _ALIGN - 1) & ~(_ALIGN - 1)


class SharedSegments:
    """The worker's side of its shared-memory file: hands out the segments Java put in
    the Java -> Python area in place, and places reply segments for Java to read."""

    def __init__(self, fd, capacity):
        self._fd = fd
        self._capacity = capacity
        self._map = mmap.mmap(fd, HEADER + 2 * capacity)
        self._view = memoryview(self._map)
        self._in = HEADER
        self._out = HEADER + capacity
        self._taken = 0  # Java -> Python segments handed out
        self._sent = 0  # Python -> Java segments described in the ring
        self._out_busy_until = 0  # Java has read the area's segments once it read this many
        self._lent_until = 0  # ... and the ones sent where they lie
        self._reserved = 0  # bytes of the outgoing area reserved so far
        self._growable = True
        self._ctypes = None
        self._mmap = None  # libc's mmap, once ctypes is
        self._in_address = None  # the address of the Java -> Python area in this process
        self._pid = os.getpid()  # a forked child's copies of the buffers free nothing
        if hasattr(os, "register_at_fork"):
            os.register_at_fork(after_in_child=self._privatize)

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

    def _c(self):
        if self._ctypes is None:
            import ctypes  # on the first shared segment: most workers never see one
            self._in_address = ctypes.addressof(ctypes.c_char.from_buffer(self._map, self._in))
            # looked up now: a forked child calls it before anything else (see _privatize)
            self._mmap = ctypes.CDLL(None, use_errno=True).mmap
            self._mmap.restype = ctypes.c_void_p
            self._mmap.argtypes = (ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int, ctypes.c_int,
                                   ctypes.c_int, ctypes.c_long)
            self._ctypes = ctypes
        return self._ctypes

    # ---- receiving

    def take(self, lengths):
        """The shared segments of one frame (negative entries of ``lengths``), in place:
        {index: writable memoryview over its region}. Each region is freed for Java once
        nothing refers to its buffer any more."""
        taken = {}
        error = None
        for i, n in enumerate(lengths):
            if n < 0:
                try:
                    taken[i] = self._take_one(-n)
                except ValueError as ex:  # the frame fails, but its other segments are counted and freed
                    error = error or ex
        _LONG.pack_into(self._map, _JAVA_TAKEN, self._taken)
        if error is not None:
            raise error
        return taken

    def _take_one(self, n):
        number = self._taken
        self._taken += 1
        regions = _REGIONS.unpack_from(self._map, _JAVA_REGIONS)
        for i in range(0, 4 * RING_SLOTS, 4):
            if regions[i + 2] == number and regions[i + 1] > 0:
                break
        else:
            raise ValueError("shared segment %d is not described in the header" % number)
        slot = _JAVA_REGIONS + 8 * i
        at, length = regions[i], regions[i + 1]
        if length != n or not self._in <= at <= self._in + self._capacity - n:
            self._free(slot)
            raise ValueError("a shared segment of %d bytes is described as %d at %d" % (n, length, at))
        ctypes = self._c()
        region = (ctypes.c_char * n).from_buffer(self._map, at)
        weakref.finalize(region, self._free, slot)
        return memoryview(region).cast("B")

    def _privatize(self):
        """In a forked child: maps the file privately over the same addresses, so that
        what the child writes into the buffers it inherited stays its own (copy on
        write), as with any other memory; the worker's buffers and Java's never see it."""
        if self._ctypes is None:
            return  # nothing was handed out: no buffer refers to the file
        start = self._in_address - self._in
        result = self._mmap(start, HEADER + 2 * self._capacity, mmap.PROT_READ | mmap.PROT_WRITE,
                            mmap.MAP_PRIVATE | _MAP_FIXED, self._fd, 0)
        if result != start:
            os.write(2, b"esem worker: a forked child shares the worker's received arrays "
                        b"(remapping failed)\n")

    def drop(self, lengths):
        """Frees the shared segments of a frame that is skipped, without reading them."""
        self.take(lengths)  # nothing refers to them: freed at once

    def _free(self, slot):
        if os.getpid() == self._pid:
            _LONG.pack_into(self._map, slot + 8, 0)

    # ---- cancels

    def cancelled_since(self, seen):
        """The count of cancels Java has written, and the call ids of those after the
        first ``seen`` (the last 16 at most)."""
        count = _LONG.unpack_from(self._map, _CANCELS)[0]
        if count == seen:
            return seen, ()
        return count, [_LONG.unpack_from(self._map, _CANCEL_RING + 8 * (n % _CANCEL_SLOTS))[0]
                       for n in range(max(seen, count - _CANCEL_SLOTS), count)]

    # ---- sending

    def place(self, parts):
        """For a frame given as ``[text, segment...]``: describes its large segments in
        the ring, where they lie in the Java -> Python area or copied into the outgoing
        area when it is free, and returns the parts to write on the pipe (the text with
        those lengths negated, and the other segments); returns ``parts`` unchanged when
        none is shared. Called under the writer's lock."""
        read = _LONG.unpack_from(self._map, _PYTHON_TAKEN)[0]
        out_free = read >= self._out_busy_until
        at = 0  # in the outgoing area
        shared = []
        for i in range(1, len(parts)):
            data = memoryview(parts[i]).cast("B")
            n = len(data)
            if n < THRESHOLD or self._sent - read >= RING_SLOTS:
                continue
            where = self._in_area(data)
            if where is None:
                if not out_free or at + n > self._capacity or not self._reserve(at + n):
                    continue
                where = self._out + at
                self._view[where:where + n] = data
                at += _aligned(n)
                self._out_busy_until = self._sent + 1
            else:
                self._lent_until = self._sent + 1
            _SLOT.pack_into(self._map, _PYTHON_RING + 16 * (self._sent % RING_SLOTS), where, n)
            self._sent += 1
            shared.append(i)
        if not shared:
            return parts
        return [negate_segments(parts[0], [i - 1 for i in shared])] + [
            part for i, part in enumerate(parts) if i > 0 and i not in shared]

    def _in_area(self, data):
        """The file offset of ``data`` when it lies in the Java -> Python area (a buffer
        handed out by :meth:`take`, or part of one), else None."""
        if self._ctypes is None or data.readonly or not data.c_contiguous:
            return None  # nothing was handed out yet, or not a buffer of ours
        ctypes = self._ctypes
        offset = ctypes.addressof(ctypes.c_char.from_buffer(data)) - self._in_address
        if 0 <= offset <= self._capacity - len(data):
            return self._in + offset
        return None

    def settle(self):
        """Waits until Java has read the segments sent where they lie, so that nothing
        the worker runs next can change them first. Java reads them as it reads the
        frame; while it does not, the worker would equally wait on a full pipe."""
        pause = _SETTLE_PAUSE
        waited = 0.0
        while _LONG.unpack_from(self._map, _PYTHON_TAKEN)[0] < self._lent_until:
            time.sleep(pause)
            waited += pause
            if waited >= _SETTLE_BRISK:
                pause = min(pause * 2, 0.002)

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
