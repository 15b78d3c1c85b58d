"""Replies of quick calls read together go out together, and never wait for other
code, nor for input: a server in this process, fed through pipes, with a frame writer
that notes each write."""

import json
import os
import select
import unittest
import weakref

from support import FIXTURES, TIMEOUT, ServerThread
from esem_worker import framing, held_replies, loader


class NotingWriter(framing.FrameWriter):
    """Notes the ids of the replies in each write, in order with ``events``."""

    def __init__(self, fd, events):
        super().__init__(fd)
        self.events = events

    def send(self, frame):
        if type(frame) is bytes:
            ids = [json.loads(line)["id"] for line in frame.splitlines() if line.startswith(b'{"id"')]
            self.events.append(("write", ids))
        super().send(frame)


class HeldRepliesTest(unittest.TestCase):

    def setUp(self):
        modules = loader.ModuleLoader([FIXTURES])
        self.events = modules.get("held.py").EVENTS
        self.events.clear()
        self.server = ServerThread(self, lambda fd: NotingWriter(fd, self.events), modules)
        self.requests, self.replies = self.server.requests, self.server.replies
        self.ids = 0
        self.received = []
        self.buffer = b""

    def write(self, *calls, answer=None):
        """Writes calls (function name, args) of module ``held.py``, and then ``answer``
        if given, in one write; returns their ids."""
        requests = [{"op": "call", "mod": "held.py", "fn": fn, "args": args} for fn, args in calls]
        frames = []
        ids = []
        for request in requests + ([answer] if answer else []):
            self.ids += 1
            ids.append(self.ids)
            frames.append(json.dumps(dict(id=self.ids, **request), separators=(",", ":")).encode() + b"\n")
        os.write(self.requests, b"".join(frames))
        return ids

    def read_replies(self, count):
        """Reads until ``count`` more replies came; fails if they do not within TIMEOUT."""
        replies = []
        while len(replies) < count:
            ready, _, _ = select.select([self.replies], [], [], TIMEOUT)
            self.assertTrue(ready, "the replies came: %s of %s" % (len(replies), count))
            self.buffer += os.read(self.replies, 1 << 16)
            *lines, self.buffer = self.buffer.split(b"\n")
            replies += [json.loads(line) for line in lines]
        self.received += replies
        return replies

    def writes(self):
        return [ids for event, ids in (e for e in self.events if type(e) is tuple)]

    def test_replies_of_quick_calls_read_together_go_out_in_fewer_writes(self):
        self.write(("add", [0, 0]))
        self.read_replies(1)  # the module is imported
        ids = self.write(*[("add", [i, 1]) for i in range(50)])
        replies = self.read_replies(50)
        self.assertEqual([r["id"] for r in replies], ids)
        self.assertEqual([r["ok"] for r in replies], [i + 1 for i in range(50)])
        writes = self.writes()[1:]
        self.assertEqual(sum(writes, []), ids, "each reply once, in order")
        self.assertLess(len(writes), 50, "some writes carried several replies")

    def test_held_replies_go_out_before_another_function_runs(self):
        self.write(("add", [0, 0]))
        self.read_replies(1)
        *adds, _ = self.write(*[("add", [i, 1]) for i in range(10)], ("other", []))
        self.read_replies(11)
        ran = self.events.index("other ran")
        written_before = sum((ids for event, ids in (e for e in self.events[:ran] if type(e) is tuple)), [])
        self.assertTrue(set(adds) <= set(written_before), self.events)

    def test_held_replies_go_out_before_the_worker_waits_for_input(self):
        for _ in range(5):
            self.write(*[("add", [i, 1]) for i in range(20)])
            self.read_replies(20)  # fails if any waited for a request that does not come

    def test_held_replies_go_out_before_the_worker_waits_after_a_frame_without_reply(self):
        # behind them, in the same write, an answer to a callback that no call waits
        # for: read and served, with no reply, and then nothing more comes
        answer = {"op": "cbret", "cb": 999, "ok": 1, "noreply": True}
        self.write(("add", [0, 0]))
        self.read_replies(1)  # the module is imported: the next add is quick
        for _ in range(5):
            ids = self.write(("add", [1, 1]), answer=answer)
            self.assertEqual([r["id"] for r in self.read_replies(1)], ids[:1])

    def test_input_ending_sends_what_is_held(self):
        self.write(*[("add", [i, 1]) for i in range(30)])
        self.server.end_input()
        self.assertEqual(len(self.read_replies(30)), 30)


if __name__ == "__main__":
    unittest.main()


class RanQuicklyTest(unittest.TestCase):
    """Deciding whether a reply may be held keeps nothing of its request: a Java function
    among its arguments is dropped as the call ends, so that the drop goes out in the
    reply's write."""

    def test_a_request_that_ran_quickly_is_not_kept_until_its_reply_is_sent(self):
        read_fd, write_fd = os.pipe()
        self.addCleanup(os.close, read_fd)
        self.addCleanup(os.close, write_fd)
        reader = framing.FrameReader(read_fd, 1 << 20)
        os.write(write_fd, b'{"id":1,"op":"call","mod":"m","fn":"f"}\n{"id":2,"op":"call","mod":"m","fn":"f"}\n')
        reader.read_frame()  # the next line is read whole: the reply may be held
        replies = held_replies.HeldReplies(framing.FrameWriter(write_fd), reader)

        class Argument:
            pass

        argument = Argument()
        gone = weakref.ref(argument)
        request = {"id": 1, "op": "call", "mod": "m", "fn": "f", "args": [argument]}
        del argument
        replies.ran_quickly(request, 0.0)
        del request
        self.assertIsNone(gone(), "the request is not kept")
        self.assertTrue(replies.quick)
