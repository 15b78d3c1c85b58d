"""An interrupt that lands in the worker's own bookkeeping, not in user code, loses
nothing: no bytes read, no frame, no interrupt. The fixture puts it at such a point."""

import json
import os
import unittest

from support import FIXTURES, WorkerProcess, worker_zip


class InterruptPointsTest(unittest.TestCase):

    def setUp(self):
        self.worker = WorkerProcess(worker_zip(), "--worker-id", "8", "--parent-pid", str(os.getpid()),
                                    "--path", FIXTURES)

    def tearDown(self):
        self.worker.kill()

    def test_an_interrupt_right_after_a_read_in_the_nested_loop_loses_no_request(self):
        outer = self.worker.send("call", mod="interrupt_points", fn="apply_interrupted_after_read",
                                 args=[{"$t": "fn", "v": "fn_1"}, 1])
        callback = self.worker.wait_event(lambda e: "cb" in e)
        # the next request and the Java function's answer come in one read, as when the
        # Java caller gave up on the outer call and went on while the function ended
        echo = self.worker.next_id()
        answer = self.worker.next_id()
        self.worker.send_raw(b"".join(json.dumps(frame).encode() + b"\n" for frame in (
            {"id": echo, "op": "call", "mod": "hooks", "fn": "echo", "args": ["after"]},
            {"id": answer, "op": "cbret", "cb": callback["cb"], "noreply": True, "ok": 1})))
        self.assertEqual(self.worker.reply(outer)["err"]["type"], "CallTimeout")
        self.assertEqual(self.worker.reply(echo)["ok"], "after")

    def test_an_interrupt_right_after_the_answer_is_read_still_ends_the_call(self):
        outer = self.worker.send("call", mod="interrupt_points", fn="apply_interrupted_after_read",
                                 args=[{"$t": "fn", "v": "fn_1"}, 1])
        callback = self.worker.wait_event(lambda e: "cb" in e)
        self.worker.send("cbret", cb=callback["cb"], noreply=True, ok=1)
        self.assertEqual(self.worker.reply(outer)["err"]["type"], "CallTimeout")
        self.assertEqual(self.worker.request("call", mod="hooks", fn="echo", args=["after"])["ok"], "after")


if __name__ == "__main__":
    unittest.main()
