"""A large request keeps its values until its reply is written: freeing a million
Python objects takes milliseconds, which the caller need not wait for. Seen through a
Java function among the arguments: Python drops it when the request's values go, and
says so in a ``fndrop`` event, in the reply's write for a small request, after it for a
large one. A server in this process, fed through pipes, with a writer that notes each
write."""

import json
import os
import select
import unittest

from support import FIXTURES, TIMEOUT, ServerThread
from esem_worker import framing, loader


class NotingWriter(framing.FrameWriter):
    """Notes each write's frames: the reply ids and the events."""

    def __init__(self, fd):
        super().__init__(fd)
        self.writes = []

    def send(self, frame):
        data = frame if type(frame) is bytes else frame[0]
        self.writes.append([json.loads(line) for line in data.splitlines() if line.startswith(b"{")])
        super().send(frame)


class KeptValuesTest(unittest.TestCase):

    def setUp(self):
        self.server = ServerThread(self, NotingWriter, loader.ModuleLoader([FIXTURES]), 1 << 22)
        self.requests, self.replies, self.writer = self.server.requests, self.server.replies, self.server.writer

    def call(self, rid, value):
        """Calls hooks.echo(value) and reads until its reply and a drop have come."""
        frame = {"id": rid, "op": "call", "mod": "hooks.py", "fn": "echo", "args": [value]}
        os.write(self.requests, json.dumps(frame, separators=(",", ":")).encode() + b"\n")
        buffer = b""
        while b'"fndrop"' not in buffer or b'{"id":%d,' % rid not in buffer:
            self.assertTrue(select.select([self.replies], [], [], TIMEOUT)[0], "the reply and the drop came")
            buffer += os.read(self.replies, 1 << 20)

    def write_of(self, predicate):
        return next(i for i, frames in enumerate(self.writer.writes) if any(predicate(f) for f in frames))

    def test_a_small_request_is_freed_before_its_reply_and_a_large_one_after(self):
        self.call(1, {"f": {"$t": "fn", "v": "fn_1"}})
        self.assertEqual(self.write_of(lambda f: f.get("id") == 1),
                         self.write_of(lambda f: f.get("ids") == ["fn_1"]), "one write")
        self.call(2, {"f": {"$t": "fn", "v": "fn_2"}, "pad": "x" * 100_000})
        self.assertLess(self.write_of(lambda f: f.get("id") == 2),
                        self.write_of(lambda f: f.get("ids") == ["fn_2"]), "the reply first")


if __name__ == "__main__":
    unittest.main()
