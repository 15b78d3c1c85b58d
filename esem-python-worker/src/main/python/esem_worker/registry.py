"""Live Python objects that the Java side holds by reference.

Ids look like ``py_obj_<n>_<token>``: ``n`` counts up and is never reused, and
``token`` is random per worker process, so an id from a dead worker or an earlier
generation never resolves here.

An object has one id for as long as it is registered: sending it to Java again (a
method that returns ``self``) sends the same id, so the Java side can give back the
handle it already holds. Each sending is a *hold*, and each id listed in a
``release`` drops one; the object leaves the registry with its last hold. The Java
side releases every hold it receives (a second arrival of an id it holds a handle
for is released at once), so a release that crosses a new sending of the same
object on the pipe never drops an object that Java has just been given.

The Java side may also name an object itself, for a constructor it sends without
waiting for the reply: such ids look like ``py_obj_j<n>_<token>`` (never a worker
id: those have no ``j``). A constructor that raised leaves its exception under the
id, raised again, with the constructor's traceback, by every use of the id until it
is released.
"""

import os

__all__ = ["Registry", "UnknownRefError"]

_TOKEN_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"  # string.ascii_lowercase + digits
_ABSENT = object()


def _token(length):
    """``length`` random characters of the alphabet, from os.urandom as the secrets
    module would take them (which costs a few ms of start-up to import: hashlib)."""
    n = int.from_bytes(os.urandom(8), "big")  # 64 bits for 41 drawn: no visible bias
    chars = []
    for _ in range(length):
        n, digit = divmod(n, len(_TOKEN_ALPHABET))
        chars.append(_TOKEN_ALPHABET[digit])
    return "".join(chars)


_JAVA_NAMED = "py_obj_j"


class _Failed:
    """What a constructor raised, kept under the id that the Java side named for its object."""

    __slots__ = ("error", "traceback")

    def __init__(self, error):
        self.error = error
        self.traceback = error.__traceback__


class UnknownRefError(KeyError):
    """A ref id that this worker never issued or has already released."""

    def __str__(self):
        # KeyError would quote its message; this one is meant to be read.
        return self.args[0]


class Registry:
    """Maps ref ids to objects. Used from the main loop only, so no lock."""

    __slots__ = ("_objects", "_ids", "_extra_holds", "_held_again", "_counter", "_prefix")

    def __init__(self):
        self._objects = {}      # ref id -> object
        self._ids = {}          # id(object) -> ref id, for every registered object
        self._extra_holds = {}  # ref id -> holds beyond the first (only when there are some)
        self._held_again = []   # ids held again since the last checkpoint, for rollback
        self._counter = 0
        self._prefix = "py_obj_%d_" + _token(8)

    def put(self, obj):
        """Returns the id of ``obj``, registering it under a new id if it has none,
        and counts one more hold on it."""
        ref = self._ids.get(id(obj))
        if ref is not None:
            self._extra_holds[ref] = self._extra_holds.get(ref, 0) + 1
            self._held_again.append(ref)
            return ref
        self._counter += 1
        ref = self._prefix % self._counter
        self._objects[ref] = obj
        self._ids[id(obj)] = ref
        return ref

    def put_named(self, obj, ref):
        """Registers ``obj`` under ``ref``, an id that the Java side named, with one
        hold. An object registered already (a constructor that hands out a shared
        instance) gets ``ref`` as one more name; its own id stays the one sent."""
        self.check_named(ref)
        self._objects[ref] = obj
        self._ids.setdefault(id(obj), ref)

    def put_failed(self, ref, error):
        """Keeps ``error``, raised by the constructor of ``ref``, for the uses of ``ref``."""
        self.check_named(ref)
        self._objects[ref] = _Failed(error)

    def check_named(self, ref):
        """Refuses an id that is not of the Java side's form, or is taken already."""
        if type(ref) is not str or not ref.startswith(_JAVA_NAMED) or ref in self._objects:
            raise ValueError("invalid or already used object reference %r" % (ref,))

    def get(self, ref):
        try:
            obj = self._objects[ref]
        except (KeyError, TypeError):
            raise UnknownRefError(
                "unknown or released Python object reference %s" % (ref,)) from None
        if type(obj) is _Failed:
            # the constructor's traceback each time, not one that grows with every use
            raise obj.error.with_traceback(obj.traceback)
        return obj

    def checkpoint(self):
        """A mark for :meth:`rollback`; only the latest mark can be rolled back to."""
        self._held_again.clear()
        return self._counter

    def rollback(self, mark):
        """Undoes every :meth:`put` since ``mark`` (a reply that failed to encode must
        not leave holds that the Java side never heard of)."""
        self.release(self._held_again)
        self._held_again.clear()
        objects, ids, extra = self._objects, self._ids, self._extra_holds
        for n in range(mark + 1, self._counter + 1):
            ref = self._prefix % n
            obj = objects.pop(ref, _ABSENT)
            if obj is not _ABSENT:
                del ids[id(obj)]
                extra.pop(ref, None)

    def release(self, refs):
        """Drops one hold per listed id; unknown ids are ignored, so releasing an
        object that is gone already does nothing."""
        objects, ids, extra = self._objects, self._ids, self._extra_holds
        for ref in refs:
            more = extra.get(ref)
            if more:
                if more == 1:
                    del extra[ref]
                else:
                    extra[ref] = more - 1
                continue
            obj = objects.pop(ref, _ABSENT)
            if obj is not _ABSENT and ids.get(id(obj)) == ref:
                del ids[id(obj)]

    def size(self):
        return len(self._objects)
