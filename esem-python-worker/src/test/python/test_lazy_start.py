"""A worker starts without the modules its first call does not need (logging, argparse,
decimal, datetime...), and what they serve still works the first time it is needed: a
record logged while a module is imported reaches Java, a warning is a record, a date
or a decimal crosses and converts."""

import json
import os
import subprocess
import sys
import unittest

from support import FIXTURES, WorkerProcess, worker_zip

# Imported by the worker's own start before: none of them is needed to serve a call.
_LEFT_TO_FIRST_USE = ["argparse", "gettext", "locale", "logging", "traceback", "string",
                      "decimal", "datetime", "dataclasses", "shutil"]


def _imported_by_the_interpreter_alone():
    """The modules that the interpreter imports at its own start here (site, .pth files)."""
    out = subprocess.run([sys.executable, "-I", "-c", "import sys, json; print(json.dumps(list(sys.modules)))"],
                         check=True, capture_output=True).stdout
    return set(json.loads(out))


class LazyStartTest(unittest.TestCase):

    def start(self, *args):
        worker = WorkerProcess(worker_zip(), "--parent-pid", str(os.getpid()), "--path", FIXTURES, *args)
        self.addCleanup(worker.kill)
        return worker

    def test_a_worker_serves_its_first_call_without_the_modules_left_to_first_use(self):
        worker = self.start()
        expected = [n for n in _LEFT_TO_FIRST_USE if n not in _imported_by_the_interpreter_alone()]
        self.assertTrue(expected, "the interpreter imports them all at its start: nothing to test")
        self.assertEqual(worker.ok("loaded", expected, mod="unlogged"), [])

    def test_a_record_logged_while_a_module_is_imported_reaches_java_before_its_load_reply(self):
        worker = self.start("--log-level", "WARN")
        self.assertEqual(worker.ok("loaded", ["logging"], mod="unlogged"), [])
        rid = worker.send("load", mod="logs_at_import")
        self.assertIn("ok", worker.reply(rid))
        logged = [e for e in worker.events if e["ev"] == "log" and e["logger"] == "logs_at_import"]
        self.assertEqual([(e["level"], e["msg"]) for e in logged],
                         [("WARNING", "a WARNING record while importing")],
                         "sent before the reply, at the worker's level (INFO below WARN dropped)")
        self.assertFalse([line for line in worker.stderr if "while importing" in line])

    def test_a_warning_before_logging_is_imported_is_one_record_on_py_warnings(self):
        worker = self.start()
        self.assertEqual(worker.ok("warn", "first warning", mod="unlogged"), "first warning")
        events = [e for e in worker.events if "first warning" in e.get("msg", "")]
        self.assertEqual([(e["logger"], e["level"]) for e in events], [("py.warnings", "WARNING")])
        self.assertIn("UserWarning: first warning", events[0]["msg"])
        self.assertEqual(worker.ok("warn", "second warning", mod="unlogged"), "second warning")
        self.assertEqual(len([e for e in worker.events if "second warning" in e.get("msg", "")]), 1)
        self.assertFalse([line for line in worker.stderr if "warning" in line])

    def test_a_forked_child_that_imports_logging_after_the_fork_logs_to_stderr(self):
        worker = self.start()
        self.assertEqual(worker.ok("fork_then_log", "from the child", mod="unlogged"), 0)
        worker.wait_stderr("WARNING child: from the child")
        worker.request("ping")
        self.assertFalse([e for e in worker.events if e.get("msg") == "from the child"])

    def test_dates_times_and_decimals_from_java_decode_on_a_worker_s_first_call(self):
        worker = self.start()
        values = [{"$t": "dt", "v": "2024-05-06T07:08:09.123456789Z"}, {"$t": "date", "v": "2024-05-06"},
                  {"$t": "time", "v": "07:08:09"}, {"$t": "td", "v": [90061, 5]},
                  {"$t": "dec", "v": "1.10"}]
        self.assertEqual(worker.ok("reprs", *values, mod="unlogged"), [
            "datetime.datetime(2024, 5, 6, 7, 8, 9, 123456, tzinfo=datetime.timezone.utc)",
            "datetime.date(2024, 5, 6)", "datetime.time(7, 8, 9)",
            "datetime.timedelta(days=1, seconds=3661, microseconds=5)", "Decimal('1.10')"])

    def test_dates_times_and_decimals_from_python_encode_on_a_worker_s_first_call(self):
        worker = self.start()
        self.assertEqual(worker.ok("values", mod="dated"), [
            {"$t": "dt", "v": "2024-05-06T07:08:09.123456"}, {"$t": "date", "v": "2024-05-06"},
            {"$t": "time", "v": "07:08:09"}, {"$t": "td", "v": [90061, 5]}, {"$t": "dec", "v": "1.10"}])

    def test_date_decimal_and_dataclass_hints_convert_on_a_worker_s_first_call(self):
        worker = self.start()
        self.assertEqual(worker.ok("typed", "2024-05-06T07:08:09Z", 0, "2024-05-06", "07:08", 1.1,
                                   {"x": 1, "y": 2}, mod="dated"), [
            "datetime.datetime(2024, 5, 6, 7, 8, 9, tzinfo=datetime.timezone.utc)",
            "datetime.datetime(1970, 1, 1, 0, 0, tzinfo=datetime.timezone.utc)",
            "datetime.date(2024, 5, 6)", "datetime.time(7, 8)", "Decimal('1.1')",
            "Point(x=1, y=2)"])


if __name__ == "__main__":
    unittest.main()
