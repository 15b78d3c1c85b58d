"""Overlapping async calls, timeouts that interrupt, and streams, against a real worker."""

import os
import time
import unittest

from support import FIXTURES, WorkerProcess, worker_zip


class FlowsTest(unittest.TestCase):

    def setUp(self):
        self.worker = WorkerProcess(worker_zip(), "--worker-id", "3", "--parent-pid", str(os.getpid()),
                                    "--path", FIXTURES)

    def tearDown(self):
        self.worker.kill()

    def call(self, fn, *args, **members):
        return self.worker.request("call", mod="flows", fn=fn, args=list(args), **members)

    def send_call(self, fn, *args, **members):
        return self.worker.send("call", mod="flows", fn=fn, args=list(args), **members)

    # ---- async calls overlap

    def test_awaiting_calls_overlap_and_reply_as_each_finishes(self):
        started = time.monotonic()
        ids = [self.send_call("nap", 0.5, n) for n in range(50)]
        quick = self.send_call("nap", 0.01, "quick")
        self.assertEqual(self.worker.reply(quick)["ok"], "quick")
        self.assertLess(time.monotonic() - started, 0.45, "the quick one came first")
        for n, rid in enumerate(ids):
            self.assertEqual(self.worker.reply(rid)["ok"], n)
        self.assertLess(time.monotonic() - started, 2.0)

    def test_plain_calls_run_in_order_while_tasks_wait(self):
        nap = self.send_call("nap", 0.3, "late")
        plain = [self.send_call("sleep", 0.01) for _ in range(5)]
        for rid in plain:
            self.assertEqual(self.worker.reply(rid)["ok"], 0.01)
        self.assertEqual(self.worker.reply(nap)["ok"], "late")
        self.assertEqual(self.call("sleep", 0)["ok"], 0, "the fast path serves again")

    # ---- timeouts interrupt

    def test_a_plain_call_past_its_timeout_is_interrupted_and_the_worker_serves_on(self):
        started = time.monotonic()
        reply = self.call("spin_forever", to=300)
        self.assertEqual(reply["err"]["type"], "CallTimeout")
        self.assertLess(time.monotonic() - started, 2.0)
        reply = self.call("sleep", 30, to=200)
        self.assertEqual(reply["err"]["type"], "CallTimeout")
        self.assertEqual(self.call("sleep", 0)["ok"], 0)

    def test_a_task_past_its_timeout_is_cancelled_and_its_handlers_run(self):
        reply = self.call("nap", 30, "doomed", to=200)
        self.assertEqual(reply["err"]["type"], "CancelledError")
        self.assertEqual(self.call("cancelled_values")["ok"], ["doomed"])

    def test_a_sigint_that_is_no_interrupt_is_ignored(self):
        self.worker.proc.send_signal(2)
        self.assertEqual(self.call("sleep", 0.1)["ok"], 0.1)

    # ---- streams

    def stream(self, fn, *args):
        reply = self.call(fn, *args, **{"as": "stream"})
        return reply["ok"]["v"]

    def next(self, ref, limit=100):
        return self.worker.request("next", ref=ref, max=limit)

    def test_a_generator_streams_in_bounded_batches(self):
        ref = self.stream("count", 250)
        items = []
        while True:
            batch = self.next(ref, 100)["ok"]
            self.assertLessEqual(len(batch["items"]), 100)
            items += batch["items"]
            if batch["done"]:
                break
        self.assertEqual(items, list(range(250)))

    def test_closing_a_stream_runs_the_generators_finally(self):
        ref = self.stream("forever")
        self.assertEqual(self.next(ref, 10)["ok"]["items"], list(range(10)))
        self.assertIn("ok", self.worker.request("close", ref=ref))
        self.assertEqual(self.call("closed_names")["ok"], ["forever"])
        self.assertEqual(self.next(ref, 10)["ok"], {"items": [], "done": True})

    def test_a_slow_generators_first_item_comes_as_soon_as_it_is_yielded(self):
        ref = self.stream("slow", 5, 0.3)
        started = time.monotonic()
        batch = self.next(ref, 100)["ok"]
        self.assertEqual(batch["items"], [0])
        self.assertLess(time.monotonic() - started, 0.55)

    def test_an_exception_mid_stream_comes_after_the_items_before_it(self):
        ref = self.stream("fails_after", 3)
        self.assertEqual(self.next(ref)["ok"]["items"], [0, 1, 2])
        error = self.next(ref)["err"]
        self.assertEqual((error["type"], error["message"]), ("ValueError", "broken after 3"))

    def test_an_async_generator_streams(self):
        ref = self.stream("acount", 30, 0.001)
        items = []
        while True:
            batch = self.next(ref, 7)["ok"]
            items += batch["items"]
            if batch["done"]:
                break
        self.assertEqual(items, list(range(30)))

    def test_any_iterable_object_streams_by_iter(self):
        bag = self.worker.request("construct", mod="flows", cls="Bag", args=[1, "two", 3.0])["ok"]["v"]
        ref = self.worker.request("iter", ref=bag)["ok"]["v"]
        self.assertEqual(self.next(ref)["ok"], {"items": [1, "two", 3.0], "done": True})

    def test_a_value_that_is_not_iterable_cannot_be_streamed(self):
        reply = self.call("sleep", 0, **{"as": "stream"})
        self.assertEqual(reply["err"]["type"], "TypeError")
        self.assertIn("not iterable", reply["err"]["message"])


if __name__ == "__main__":
    unittest.main()
