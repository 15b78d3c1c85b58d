"""Errors, logs and traces keep their structure: types, causes, exc_info, warnings,
trace ids, and how a timed-out or cancelled call says so."""

import os
import unittest

from support import FIXTURES, WorkerProcess, worker_zip

TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"


class StructureTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.worker = WorkerProcess(worker_zip(), "--worker-id", "5", "--parent-pid", str(os.getpid()),
                                   "--path", FIXTURES)
        # imported before any call with a short timeout, which could interrupt an import
        for module in ("observed", "flows", "sample"):
            assert "ok" in cls.worker.request("load", mod=module)

    @classmethod
    def tearDownClass(cls):
        cls.worker.kill()

    def call(self, fn, *args, **members):
        return self.worker.request("call", mod="observed", fn=fn, args=list(args), **members)

    def test_an_error_lists_its_types_and_its_cause_with_its_own_traceback(self):
        err = self.call("chained")["err"]
        self.assertEqual(err["types"], ["observed.PricingError", "ValueError", "Exception", "BaseException"])
        self.assertIn("direct cause", err["traceback"])
        cause = err["cause"]
        self.assertEqual(cause["type"], "KeyError")
        self.assertEqual(cause["types"], ["KeyError", "LookupError", "Exception", "BaseException"])
        self.assertNotIn("PricingError", cause["traceback"])
        self.assertNotIn("cause", cause)

    def test_an_exception_logged_with_exc_info_travels_apart_from_its_message(self):
        self.worker.ok("log_exception")
        event = self.worker.wait_event(lambda e: e.get("msg") == "failed to price")
        self.assertEqual(event["exc"]["type"], "ZeroDivisionError")
        self.assertIn("1 / 0", event["exc"]["traceback"])

    def test_each_warning_is_one_record_on_py_warnings(self):
        self.call("warn", "did not converge")
        events = [e for e in self.worker.events if "did not converge" in e.get("msg", "")]
        self.assertEqual(len(events), 1, "logged before the reply, once")
        self.assertEqual(events[0]["logger"], "py.warnings")
        self.assertEqual(events[0]["level"], "WARNING")
        self.assertIn("UserWarning: did not converge", events[0]["msg"])
        self.assertFalse([line for line in self.worker.stderr if "did not converge" in line])

    def test_records_logged_while_serving_a_traced_call_carry_its_ids(self):
        self.call("log_now", "plain traced", tp=TRACEPARENT)
        self.call("log_in_task", "task traced", tp=TRACEPARENT)
        self.call("log_now", "untraced")
        for text in ("plain traced", "task traced"):
            event = self.worker.wait_event(lambda e, text=text: e.get("msg") == text)
            self.assertEqual((event["trace"], event["span"]),
                             ("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331"))
        event = self.worker.wait_event(lambda e: e.get("msg") == "untraced")
        self.assertNotIn("trace", event)

    def test_a_call_past_its_timeout_says_so_plain_or_task(self):
        plain = self.worker.request("call", mod="flows", fn="sleep", args=[30], to=100)["err"]
        self.assertEqual((plain["type"], plain.get("timeout")), ("CallTimeout", True))
        task = self.call("nap", 30, to=100)["err"]
        self.assertEqual((task["type"], task.get("timeout")), ("CancelledError", True))

    def test_a_task_that_cancels_itself_or_is_cancelled_says_so(self):
        err = self.call("cancel_myself")["err"]
        self.assertEqual((err["type"], err.get("cancelled"), err.get("timeout")), ("CancelledError", True, None))
        rid = self.worker.send("call", mod="observed", fn="nap", args=[30])
        self.worker.send("cancel", call=rid, noreply=True)
        err = self.worker.reply(rid)["err"]
        self.assertEqual((err["type"], err.get("cancelled")), ("CancelledError", True))
        self.assertEqual(self.call("log_now", "serving on")["ok"], "serving on")


if __name__ == "__main__":
    unittest.main()
