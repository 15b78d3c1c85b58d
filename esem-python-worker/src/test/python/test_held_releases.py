"""Releases are held in every serve loop: the worker's own, the nested loop that serves
while a Java function that Python called runs, and the event loop while tasks are
pending. A release that the Java side writes with the next request runs right after
that request's reply, never before it, and is never lost."""

import json
import os
import unittest

from support import FIXTURES, WorkerProcess, worker_zip


class HeldReleasesTest(unittest.TestCase):

    def setUp(self):
        self.worker = WorkerProcess(worker_zip(), "--worker-id", "6", "--parent-pid", str(os.getpid()),
                                    "--path", FIXTURES)

    def tearDown(self):
        self.worker.kill()

    def calculator(self, start):
        return self.worker.request("construct", mod="sample", cls="Calculator", args=[start])["ok"]["v"]

    def release_with_next_request(self, ref):
        """Writes a release of ``ref`` and a call on it in one write, as the Java side
        does; returns the reply to the call."""
        release = self.worker.next_id()
        total = self.worker.next_id()
        self.worker.send_raw(b"".join(json.dumps(frame, separators=(",", ":")).encode() + b"\n"
                                      for frame in (
            {"id": release, "op": "release", "refs": [ref], "noreply": True},
            {"id": total, "op": "invoke", "ref": ref, "fn": "total", "args": []})))
        return self.worker.reply(total)

    def assert_held_then_run(self, ref, value):
        self.assertEqual(self.release_with_next_request(ref).get("ok"), value,
                         "the release waits for the reply of the request after it")
        err = self.worker.request("invoke", ref=ref, fn="total", args=[])["err"]
        self.assertEqual(err["type"], "UnknownRefError", "then the release has run")

    def test_in_the_worker_loop(self):
        self.assert_held_then_run(self.calculator(1), 1)

    def test_in_the_nested_loop_of_a_java_function(self):
        ref = self.calculator(2)
        outer = self.worker.send("call", mod="hooks", fn="apply", args=[{"$t": "fn", "v": "fn_1"}, 0])
        callback = self.worker.wait_event(lambda e: "cb" in e)
        self.assert_held_then_run(ref, 2)
        self.worker.send("cbret", cb=callback["cb"], noreply=True, ok="answered")
        self.assertEqual(self.worker.reply(outer)["ok"], "answered")

    def test_in_the_event_loop_while_a_task_is_pending(self):
        ref = self.calculator(3)
        task = self.worker.send("call", mod="flows", fn="nap", args=[1.5, "napped"])
        self.assert_held_then_run(ref, 3)
        self.assertEqual(self.worker.reply(task)["ok"], "napped")

    def test_a_release_written_otherwise_still_runs_and_a_bad_one_is_logged(self):
        ref = self.calculator(4)
        self.worker.send("release", refs=[ref], noreply=True, to=1000)  # with a timeout: as any request
        self.assertEqual(self.worker.request("invoke", ref=ref, fn="total", args=[])["err"]["type"],
                         "UnknownRefError")
        self.worker.send("release", refs=5, noreply=True)
        event = self.worker.wait_event(lambda e: e.get("ev") == "log" and "release" in e.get("msg", ""))
        self.assertEqual(event["level"], "WARNING")
        self.assertIn("ok", self.worker.request("ping"), "the worker goes on")


if __name__ == "__main__":
    unittest.main()
