"""Live Python objects that the Java side holds by reference.

Ids look like ``py_obj_<n>_<token>``: ``n`` counts up and is never reused, and
``token`` is random per worker process, so an id from a dead worker or an earlier
generation never resolves here.
"""

import secrets
import string

__all__ = ["Registry", "UnknownRefError"]

_TOKEN_ALPHABET = string.ascii_lowercase + string.digits


class UnknownRefError(KeyError):
    """A ref id that this worker never issued or has already released."""

    def __str__(self):
        # KeyError would quote its message; this one is meant to be read.
        return self.args[0]


class Registry:
    """Maps ref ids to objects. Used from the main loop only, so no lock."""

    __slots__ = ("_objects", "_counter", "_prefix")

    def __init__(self):
        self._objects = {}
        self._counter = 0
        token = "".join(secrets.choice(_TOKEN_ALPHABET) for _ in range(8))
        self._prefix = "py_obj_%d_" + token

    def put(self, obj):
        """Registers ``obj`` under a new id and returns the id."""
        self._counter += 1
        ref = self._prefix % self._counter
        self._objects[ref] = obj
        return ref

    def get(self, ref):
        try:
            return self._objects[ref]
        except (KeyError, TypeError):
            raise UnknownRefError(
                "unknown or released Python object reference %s" % (ref,)) from None

    def checkpoint(self):
        """A mark for :meth:`rollback`."""
        return self._counter

    def rollback(self, mark):
        """Drops every object registered since ``mark`` (a reply that failed to encode
        must not leave entries that the Java side never heard of)."""
        pop = self._objects.pop
        for n in range(mark + 1, self._counter + 1):
            pop(self._prefix % n, None)

    def release(self, refs):
        """Drops the given ids; unknown ids are ignored, so a release is idempotent."""
        pop = self._objects.pop
        for ref in refs:
            pop(ref, None)

    def size(self):
        return len(self._objects)
