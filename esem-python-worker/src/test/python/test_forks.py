"""Children that user code forks in a real worker never touch the protocol channel."""

import json
import os
import re
import threading
import unittest

from support import FIXTURES, SharedWorkerTest, WorkerProcess, worker_zip, gone, wait_until
from esem_worker.framing import FrameWriter

_RETURNED = re.compile(r"forked child (\d+) returned into the worker's request loop")


class ForkTest(SharedWorkerTest):

    @classmethod
    def shared_worker(cls, cwd):
        return WorkerProcess(worker_zip(), "--parent-pid", str(os.getpid()), "--path", FIXTURES, cwd=cwd)

    def call(self, fn, *args):
        return self.worker.ok(fn, *args, mod="hostile")

    def test_a_child_that_returns_into_the_loop_never_reads_or_answers(self):
        for n in range(5):
            self.assertEqual(self.call("fork_and_return", n), n)
        ids = [self.worker.next_id() for _ in range(400)]
        frames = []
        for n, rid in enumerate(ids):
            if n % 2:
                request = {"id": rid, "op": "call", "mod": "sample", "fn": "add", "args": [n, n]}
            else:
                request = {"id": rid, "op": "construct", "mod": "sample", "cls": "Calculator",
                           "args": [n]}
            frames.append(json.dumps(request).encode() + b"\n")
        self.worker.send_raw(b"".join(frames))
        refs = set()
        for n, rid in enumerate(ids):
            reply = self.worker.reply(rid)
            if n % 2:
                self.assertEqual(reply["ok"], 2 * n)
            else:
                refs.add(reply["ok"]["v"])
        self.assertEqual(len(refs), 200, "every constructed object has its own ref id")
        self.assertEqual(self.worker.duplicate_replies, [])
        self.worker.send("release", refs=sorted(refs), noreply=True)
        wait_until(lambda: len(self.returned_children()) >= 5, message="five notes on stderr")
        for pid in self.returned_children():
            wait_until(lambda: gone(pid), message="forked child %d to end" % pid)

    def returned_children(self):
        with self.worker._cond:
            lines = list(self.worker.stderr)
        return [int(m.group(1)) for m in map(_RETURNED.search, lines) if m]

    def test_sys_exit_in_a_forked_child_ends_it_with_its_code(self):
        self.assertEqual(self.call("fork_then_exit", 5), 5)
        self.assertEqual(self.worker.ok("add", 1, 2), 3)

    def test_logging_in_a_forked_child_goes_to_stderr(self):
        self.assertEqual(self.call("fork_and_log", "from the child"), 0)
        self.worker.wait_stderr("WARNING child: from the child")
        self.worker.request("ping")
        self.assertFalse([e for e in self.worker.events if e.get("msg") == "from the child"])

    def test_multiprocessing_pool_with_fork_works(self):
        self.assertEqual(self.call("pool_squares", 20), [n * n for n in range(20)])
        self.assertEqual(self.worker.ok("add", 2, 2), 4)


class AbandonTest(unittest.TestCase):

    def test_abandon_drops_frames_closes_the_descriptor_and_needs_no_lock(self):
        read_end, write_end = os.pipe()
        self.addCleanup(os.close, read_end)
        writer = FrameWriter(write_end)
        writer._lock.acquire()  # as if another thread held it at the fork
        done = threading.Event()

        def in_child():
            writer.abandon()
            writer.send(b"dropped\n")
            done.set()

        threading.Thread(target=in_child, daemon=True).start()
        self.assertTrue(done.wait(5), "abandon or send waited for the old lock")
        with self.assertRaises(OSError):
            os.fstat(write_end)
        self.assertEqual(os.read(read_end, 100), b"")  # end of file: nothing was written


if __name__ == "__main__":
    unittest.main()
