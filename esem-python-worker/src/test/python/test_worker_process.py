"""The real worker, started as the Java side starts it, driven over its pipes."""

import json
import os
import re
import signal
import subprocess
import sys
import threading
import unittest

from support import FIXTURES, TIMEOUT, SharedWorkerTest, WorkerProcess, worker_zip, worker_command

REF_ID = re.compile(r"^py_obj_\d+_[a-z0-9]{8}$")


def start_worker(*args, cwd=None):
    return WorkerProcess(worker_zip(), "--worker-id", "7", "--parent-pid", str(os.getpid()),
                         "--path", FIXTURES, *args, cwd=cwd)


def parent_of(pid):
    with open("/proc/%d/stat" % pid, "rb") as stat:
        return int(stat.read().rpartition(b")")[2].split()[1])


class WorkerTest(SharedWorkerTest):
    """One worker shared by the tests that leave it serving."""

    @classmethod
    def shared_worker(cls, cwd):
        return start_worker("--max-frame-bytes", str(1 << 20), cwd=cwd)

    def err(self, reply):
        self.assertIn("err", reply, reply)
        return reply["err"]

    def test_hello_event_comes_first(self):
        hello = self.worker.hello
        # on Linux, also the capacity of the request pipe it widened (see pipes)
        linux = sys.platform.startswith("linux")
        self.assertEqual(list(hello), ["ev", "pid", "python", "worker", "shm"] + (["pipe"] if linux else []))
        if linux:
            self.assertGreaterEqual(hello["pipe"], 1 << 16)
        # on Linux the worker runs in a child of the process started, its reaper
        self.assertIn(parent_of(hello["pid"]) if sys.platform.startswith("linux") else hello["pid"],
                      (self.worker.proc.pid,))
        self.assertEqual(hello["worker"], 7)
        self.assertEqual(hello["python"], "%d.%d.%d" % sys.version_info[:3])

    def test_call_returns_the_result(self):
        self.assertEqual(self.worker.ok("add", 2, 3), 5)
        self.assertEqual(self.worker.ok("greet", "Ann", greeting="Hi"), "Hi, Ann!")

    def test_user_output_goes_to_stderr_not_into_frames(self):
        self.assertEqual(self.worker.ok("noisy"), "quiet")
        for line in ("printed line", "sys.stdout line", "fd 1 line"):
            self.worker.wait_stderr(line)
        self.assertEqual(self.worker.ok("add", 1, 1), 2)

    def test_user_code_sees_end_of_input(self):
        self.assertEqual(self.err(self.worker.call("read_input"))["type"], "EOFError")
        self.assertEqual(self.worker.ok("read_stdin"), "")

    def test_sys_exit_and_keyboard_interrupt_fail_only_the_call(self):
        err = self.err(self.worker.call("exit_now", 3))
        self.assertEqual((err["type"], err["message"]), ("SystemExit", "3"))
        self.assertEqual(self.err(self.worker.call("interrupt"))["type"], "KeyboardInterrupt")
        self.assertEqual(self.worker.ok("add", 2, 2), 4)

    def test_error_reply_carries_type_message_and_user_traceback(self):
        err = self.err(self.worker.call("fail", "boom"))
        self.assertEqual((err["type"], err["message"]), ("ValueError", "boom"))
        self.assertIn("sample.py", err["traceback"])
        self.assertIn("ValueError: boom", err["traceback"])
        self.assertNotIn("server.py", err["traceback"])

    def test_async_functions_are_awaited(self):
        self.assertEqual(self.worker.ok("async_add", 2, 3), 5)
        self.assertEqual(self.worker.ok("async_add", 4, 5), 9)

    def test_ref_round_trip_gives_the_same_object(self):
        ref = self.worker.request("construct", mod="sample", cls="Calculator", args=[10])["ok"]
        self.assertEqual((ref["$t"], ref["cls"], ref["module"]), ("ref", "Calculator", "sample"))
        self.assertRegex(ref["v"], REF_ID)
        self.assertEqual(ref["methods"], ["add", "total"])
        add = self.worker.request("invoke", ref=ref["v"], fn="add", args=[5])
        self.assertEqual(add["ok"], 15)
        self.assertEqual(self.worker.request("getattr", ref=ref["v"], name="value")["ok"], 15)
        tag = {"$t": "ref", "v": ref["v"]}
        self.assertIs(self.worker.ok("same", tag, tag), True)
        self.worker.send("release", refs=[ref["v"]], noreply=True)

    def test_released_ref_fails_with_its_id(self):
        ref = self.worker.request("construct", mod="sample", cls="Calculator", args=[])["ok"]["v"]
        self.worker.send("release", refs=[ref], noreply=True)
        self.worker.request("ping")  # a held release is run before a ping at the latest
        for reply in (self.worker.request("invoke", ref=ref, fn="total", args=[]),
                      self.worker.call("echo", {"$t": "ref", "v": ref})):
            err = self.err(reply)
            self.assertEqual(err["type"], "UnknownRefError")
            self.assertIn(ref, err["message"])

    def test_a_release_sent_with_a_request_runs_after_its_reply_and_before_a_ping(self):
        refs = [self.worker.request("construct", mod="sample", cls="Calculator", args=[n])["ok"]["v"]
                for n in range(3)]
        before = self.worker.request("ping")["ok"]["registry"]
        release = self.worker.next_id()
        add = self.worker.next_id()
        ping = self.worker.next_id()
        # compact, as the Java side writes it: the release is recognised by its bytes
        self.worker.send_raw(b"".join(json.dumps(frame, separators=(",", ":")).encode() + b"\n" for frame in (
            {"id": release, "op": "release", "refs": refs[:2], "noreply": True},
            {"id": add, "op": "invoke", "ref": refs[2], "fn": "add", "args": [1]},
            {"id": ping, "op": "ping"})))
        self.assertEqual(self.worker.reply(add)["ok"], 3)
        self.assertEqual(self.worker.reply(ping)["ok"]["registry"], before - 2)
        self.worker.send("release", refs=refs[2:], noreply=True)
        self.assertEqual(self.worker.request("ping")["ok"]["registry"], before - 3)

    def test_load_describes_exports(self):
        loaded = self.worker.request("load", mod="sample")["ok"]
        self.assertEqual(loaded["name"], "sample")
        exports = {e["name"]: e for e in loaded["exports"]}
        self.assertEqual(exports["add"], {"name": "add", "kind": "function",
                                          "doc": "Adds two numbers.", "signature": "(a, b)"})
        self.assertEqual(exports["Calculator"]["methods"], ["add", "total"])
        self.assertEqual(exports["os"]["kind"], "module")

    def test_file_module_spec(self):
        path = os.path.join(FIXTURES, "exported.py")
        point = self.worker.request("construct", mod=path, cls="Point", args=[1, -2])["ok"]
        # a dataclass result crosses as a dict, unless the request asks for a ref
        self.assertEqual(self.worker.call("scale", point, 3, mod=path)["ok"], {"x": 3, "y": -6})
        scaled = self.worker.request("call", mod=path, fn="scale", args=[point, 3],
                                     **{"as": "ref"})["ok"]
        self.assertEqual(scaled["cls"], "Point")
        self.assertEqual(self.worker.request("invoke", ref=scaled["v"], fn="norm1", args=[])["ok"], 9)
        # an awaited result too; None stays null
        later = self.worker.request("call", mod="sample", fn="async_add", args=[[1], [2]],
                                    **{"as": "ref"})["ok"]
        self.assertEqual((later["$t"], later["cls"]), ("ref", "list"))
        self.assertIsNone(self.worker.request("call", mod="sample", fn="echo", args=[None],
                                              **{"as": "ref"})["ok"])
        self.assertEqual(self.worker.request("getattr", mod=path, name="LIMIT")["ok"], 10)
        self.worker.send("release", refs=[point["v"], scaled["v"]], noreply=True)

    def test_bulk_values_travel_as_binary_segments_both_ways(self):
        data = bytes(range(256)) * 1024
        text = "snow ☃ " * 5000
        rid = self.worker.send_with_segments(
            "call", [data, text.encode("utf-8")], mod="sample", fn="echo",
            args=[[{"$t": "bytes", "v": 0}, {"$t": "str", "v": 1}]])
        reply = self.worker.reply(rid)
        self.assertEqual(reply["ok"], [{"$t": "bytes", "v": 0}, text])  # a nested string is JSON
        self.assertEqual(reply["$segments"], [data])
        rid = self.worker.send("call", mod="sample", fn="echo", args=[text])
        reply = self.worker.reply(rid)
        self.assertEqual(reply["ok"], {"$t": "str", "v": 0})
        self.assertEqual(reply["$segments"][0].decode("utf-8"), text)
        # the worker goes on with plain frames
        self.assertEqual(self.worker.ok("add", 1, 2), 3)

    def test_sys_path_is_what_was_configured(self):
        path = self.worker.ok("search_path")
        self.assertEqual(path[0], FIXTURES)
        for unwanted in ("", worker_zip(), self.cwd):
            self.assertNotIn(unwanted, path)

    def test_logging_records_arrive_as_log_events(self):
        self.worker.ok("log_warning", "42")
        event = self.worker.wait_event(lambda e: e.get("msg") == "price 42")
        self.assertEqual(event, {"ev": "log", "level": "WARNING", "logger": "pricing",
                                 "msg": "price 42"})
        self.worker.ok("log_exception")
        event = self.worker.wait_event(lambda e: e.get("msg", "").startswith("failed to price"))
        self.assertEqual(event["level"], "ERROR")
        self.assertEqual(event["msg"], "failed to price")
        self.assertEqual(event["exc"]["type"], "ZeroDivisionError")

    def test_undecodable_frames(self):
        rid = self.worker.next_id()
        self.worker.send_raw(b'{"id":%d,"op":"call","mod":\n' % rid)
        self.assertEqual(self.err(self.worker.reply(rid))["type"], "JSONDecodeError")
        self.assertIn("unknown op", self.err(self.worker.request("fly"))["message"])
        self.worker.send_raw(b"no json here\n")
        event = self.worker.wait_event(lambda e: "undecodable" in e.get("msg", ""))
        self.assertEqual((event["level"], event["logger"]), ("ERROR", "esem_worker"))
        self.assertEqual(self.worker.ok("add", 1, 2), 3)

    def test_deep_nesting_fails_cleanly_both_ways(self):
        rid = self.worker.next_id()
        deep = b"[" * 100000 + b"]" * 100000
        self.worker.send_raw(b'{"id":%d,"op":"call","mod":"sample","fn":"echo","args":[%s]}\n'
                             % (rid, deep))
        err = self.err(self.worker.reply(rid))
        self.assertEqual(err["type"], "ValueError")
        self.assertIn("max depth is 256", err["message"])
        err = self.err(self.worker.call("nested", 100000))
        self.assertEqual(err["type"], "ValueError")
        self.assertIn("max depth is 256", err["message"])
        self.assertEqual(self.worker.ok("nested", 255), json.loads("[" * 256 + "]" * 256))
        self.assertEqual(self.worker.request("ping")["ok"]["pid"], self.worker.hello["pid"])

    def test_pipelined_requests_are_answered_by_id(self):
        ids = [self.worker.next_id() for _ in range(300)]
        frames = []
        for n, rid in enumerate(ids):
            if n % 3:
                request = {"id": rid, "op": "call", "mod": "sample", "fn": "add", "args": [n, n]}
            else:
                request = {"id": rid, "op": "ping"}
            frames.append(json.dumps(request).encode() + b"\n")
        self.worker.send_raw(b"".join(frames))
        for n, rid in enumerate(ids):
            reply = self.worker.reply(rid)
            if n % 3:
                self.assertEqual(reply["ok"], 2 * n)
            else:
                self.assertEqual(reply["ok"]["pid"], self.worker.hello["pid"])

    def test_ping_counts_live_instances_after_held_releases(self):
        before = self.worker.request("ping")["ok"]["registry"]
        ref = self.worker.request("construct", mod="sample", cls="Calculator", args=[])["ok"]["v"]
        self.assertEqual(self.worker.request("ping")["ok"]["registry"], before + 1)
        self.worker.send("release", refs=[ref], noreply=True)
        self.assertEqual(self.worker.request("ping")["ok"]["registry"], before)


class FrameLimitTest(unittest.TestCase):
    """A worker with a small frame limit."""

    LIMIT = 64 * 1024

    @classmethod
    def setUpClass(cls):
        cls.worker = start_worker("--max-frame-bytes", str(cls.LIMIT))

    @classmethod
    def tearDownClass(cls):
        try:
            assert cls.worker.close() == 0
        finally:
            cls.worker.kill()

    def test_oversized_request_is_answered_with_an_error(self):
        reply = self.worker.call("echo", "y" * (2 * self.LIMIT))
        self.assertEqual(reply["err"]["type"], "FrameError")
        self.assertIn("exceeds the max frame size of 0.06 MiB (65536 bytes)",
                      reply["err"]["message"])
        self.assertEqual(self.worker.ok("add", 1, 2), 3)

    def test_oversized_frame_between_pipelined_requests(self):
        first, big, last = (self.worker.next_id() for _ in range(3))
        self.worker.send_raw(
            b'{"id":%d,"op":"ping"}\n' % first
            + b'{"id":%d,"op":"call","mod":"sample","fn":"echo","args":["%s"]}\n'
            % (big, b"z" * (3 * self.LIMIT))
            + b'{"id":%d,"op":"call","mod":"sample","fn":"add","args":[3,4]}\n' % last)
        self.assertIn("ok", self.worker.reply(first))
        self.assertEqual(self.worker.reply(big)["err"]["type"], "FrameError")
        self.assertEqual(self.worker.reply(last)["ok"], 7)

    def test_oversized_result_is_answered_with_an_error(self):
        reply = self.worker.call("big_string", 2 * self.LIMIT)
        self.assertEqual(reply["err"]["type"], "ValueError")
        self.assertIn("reply frame of 0.13 MiB", reply["err"]["message"])
        self.assertEqual(self.worker.ok("add", 2, 2), 4)


class LifecycleTest(unittest.TestCase):

    def test_end_of_input_exits_with_status_0(self):
        worker = start_worker()
        try:
            self.assertEqual(worker.ok("add", 1, 2), 3)
            self.assertEqual(worker.close(), 0)
        finally:
            worker.kill()

    def test_cut_final_frame_is_reported(self):
        worker = start_worker()
        try:
            worker.send_raw(b'{"id":41,"op":"ping"')
            self.assertEqual(worker.close(), 0)
            self.assertEqual(worker.replies[41]["err"]["type"], "FrameError")
            self.assertIn("input ended inside a frame", worker.replies[41]["err"]["message"])
        finally:
            worker.kill()

    def test_worker_exits_when_the_named_parent_pid_ends(self):
        # --parent-pid names a process that is not the worker's own parent (a launcher
        # in between): the watchdog and the guardian then poll whether that pid still
        # runs; the first to see it gone ends the worker (exit 0 or SIGKILL).
        parent = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
        worker = None
        try:
            worker = WorkerProcess(worker_zip(), "--parent-pid", str(parent.pid))
            self.assertEqual(worker.ok("add", 1, 1, mod="operator"), 2)
            parent.kill()
            parent.wait(TIMEOUT)
            self.assertIn(worker.proc.wait(TIMEOUT), (0, -signal.SIGKILL))
        finally:
            if parent.poll() is None:
                parent.kill()
                parent.wait(TIMEOUT)
            if worker is not None:
                worker.kill()

    def test_worker_exits_when_its_parent_dies(self):
        # A launcher process starts the worker with itself as parent and is then
        # killed. The worker's stdin stays open (this test holds it), so only the
        # watchdog can end it; its stdout reaching end of file shows that it did.
        launcher = ("import os,subprocess,sys,time;"
                    "subprocess.Popen(sys.argv[1:]+['--parent-pid',str(os.getpid())]);"
                    "time.sleep(60)")
        proc = subprocess.Popen(
            [sys.executable, "-c", launcher] + worker_command(worker_zip(), "--worker-id", "3"),
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        orphan = None
        try:
            hello = json.loads(proc.stdout.readline())
            self.assertEqual(hello["ev"], "hello")
            orphan = hello["pid"]
            proc.kill()
            proc.wait(TIMEOUT)
            rest = []
            reader = threading.Thread(target=lambda: rest.append(proc.stdout.read()),
                                      daemon=True)
            reader.start()
            reader.join(TIMEOUT)
            self.assertFalse(reader.is_alive(), "the orphaned worker did not exit")
            self.assertEqual(rest, [b""])
            orphan = None
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait(TIMEOUT)
            if orphan is not None:  # the worker outlived the test: end it by its pid
                try:
                    os.kill(orphan, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            proc.stdin.close()
            proc.stdout.close()


if __name__ == "__main__":
    unittest.main()
