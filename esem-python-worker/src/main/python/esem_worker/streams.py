"""Iteration of Python iterables on behalf of a Java ``Stream``.

A stream is opened on any iterable (generator, iterator, list...) or async iterable
(async generator) and lives in the registry like any object. The Java side pulls
batches: a batch holds at most ``limit`` items and is sent as soon as it holds one item
and ``_BATCH_SECONDS`` have passed, so a slow generator's first item goes out as soon
as it is yielded while a fast one's items go in large batches. An exception raised
after some items is kept and raised by the next pull, so every item before it arrives.

A batch is bounded in bytes too: it stops taking items once their size in memory (a
cheap guess at their size on the wire, from the first item of each chunk) reaches
``budget``; items taken that still do not fit in one reply go back
(:meth:`Stream.put_back`) and lead the next batch, so no item is lost and every item
that fits in a frame alone arrives.
"""

import time
from itertools import islice
from sys import getsizeof

__all__ = ["Stream", "open_stream"]

_BATCH_SECONDS = 0.002


class Stream:
    """The iteration state of one stream."""

    __slots__ = ("iterator", "is_async", "error", "done", "held")

    def __init__(self, iterator, is_async):
        self.iterator = iterator
        self.is_async = is_async
        self.error = None
        self.done = False
        self.held = []  # items taken from the iterator and not sent yet

    def put_back(self, items):
        """Items of a batch that did not fit in its reply: they lead the next batch."""
        self.held[:0] = items

    def _ready_batch(self, limit):
        """The batch that needs no pull from the iterator, or None: held items first, then
        an error kept from the last pull (raised), then an empty last batch once done."""
        held = self.held
        if held:
            items = held[:limit]
            del held[:limit]
            return {"items": items, "done": self.done and not held and self.error is None}
        self._raise_kept_error()
        if self.done:
            return {"items": [], "done": True}
        return None

    def next_batch(self, limit, budget=None):
        """The next items of a plain iterator: ``{"items": [...], "done": bool}``.

        Items are taken in chunks that grow fourfold (1, 4, 16...), by ``islice`` in C
        rather than one ``next`` at a time, so a slow generator's first item goes at
        once and a fast one's come cheaply; no more once their size reaches ``budget``.
        """
        batch = self._ready_batch(limit)
        if batch is not None:
            return batch
        items = []
        started = time.perf_counter()
        chunk = 1
        try:
            while len(items) < limit:
                wanted = min(chunk, limit - len(items))
                before = len(items)
                items.extend(islice(self.iterator, wanted))  # keeps what came before an exception
                if len(items) - before < wanted:
                    self.done = True
                    break
                if time.perf_counter() - started >= _BATCH_SECONDS:
                    break
                if budget is not None:
                    # a guess from the chunk's first item (getsizeof is too slow to
                    # call on every item); a batch that still turns out too large
                    # for its reply is split
                    budget -= getsizeof(items[before]) * (len(items) - before)
                    if budget <= 0:
                        break
                chunk *= 4
        except BaseException as exc:
            if not items:
                raise
            self.error = exc
        return {"items": items, "done": self.done}

    async def anext_batch(self, limit, budget=None):
        """The next items of an async iterator, like :meth:`next_batch`."""
        batch = self._ready_batch(limit)
        if batch is not None:
            return batch
        items = []
        started = time.perf_counter()
        try:
            while len(items) < limit:
                item = await self.iterator.__anext__()
                items.append(item)
                if time.perf_counter() - started >= _BATCH_SECONDS:
                    break
                if budget is not None:
                    budget -= getsizeof(item)
                    if budget <= 0:
                        break
        except StopAsyncIteration:
            self.done = True
        except BaseException as exc:
            if not items:
                raise
            self.error = exc
        return {"items": items, "done": self.done}

    def _raise_kept_error(self):
        error = self.error
        if error is not None:
            self.error = None
            self.done = True
            raise error

    def close(self):
        """Closes the underlying generator, so its ``finally`` blocks run; returns an
        awaitable for an async generator, else None."""
        self.done = True
        if self.is_async:
            aclose = getattr(self.iterator, "aclose", None)
            return aclose() if aclose is not None else None
        close = getattr(self.iterator, "close", None)
        if close is not None:
            close()
        return None


def open_stream(value):
    """A :class:`Stream` over ``value``; TypeError when it is not iterable."""
    if hasattr(type(value), "__aiter__"):
        return Stream(value.__aiter__(), True)
    try:
        return Stream(iter(value), False)
    except TypeError:
        raise TypeError("a %s object is not iterable, so it cannot be streamed"
                        % type(value).__name__) from None
