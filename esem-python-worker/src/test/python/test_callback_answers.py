"""The short path of a call with a Java callback: answers (``cbret``) written as the Java
side writes them skip a call's bookkeeping, scalar arguments are formatted inline, and
the drop of the functions a call passed goes out in the same write as its reply."""

import json
import os
import select
import signal
import subprocess
import tempfile
import time
import unittest

from support import FIXTURES, TIMEOUT, WorkerProcess, worker_command, worker_zip

from esem_worker.codec import Codec
from esem_worker.registry import Registry


def compact(frame):
    """A frame as the Java side writes it: no spaces, a newline at the end."""
    return json.dumps(frame, separators=(",", ":")).encode() + b"\n"


def fn(fn_id):
    return {"$t": "fn", "v": fn_id, "kind": "Function"}


class AnswersTest(unittest.TestCase):

    LIMIT = 64 * 1024

    def setUp(self):
        self.worker = WorkerProcess(worker_zip(), "--worker-id", "8", "--parent-pid", str(os.getpid()),
                                    "--path", FIXTURES, "--max-frame-bytes", str(self.LIMIT))

    def tearDown(self):
        self.worker.kill()

    def call(self, name, *args):
        rid = self.worker.next_id()
        self.worker.send_raw(compact({"id": rid, "op": "call", "mod": "hooks", "fn": name, "args": list(args)}))
        return rid

    def callback(self):
        frame = self.worker.wait_event(lambda e: "cb" in e)
        self.worker.events.remove(frame)
        return frame

    def answer(self, cb, **members):
        rid = self.worker.next_id()
        self.worker.send_raw(compact(dict({"id": rid, "op": "cbret", "cb": cb}, noreply=True, **members)))
        return rid

    def test_an_answer_as_java_writes_it_ends_the_callback(self):
        rid = self.call("apply", fn("fn_1"), 20)
        request = self.callback()
        self.assertEqual((request["fn"], request["args"]), ("fn_1", [20]))
        self.answer(request["cb"], ok=21)
        self.assertEqual(self.worker.reply(rid)["ok"], 21)

    def test_answers_with_values_and_errors(self):
        rid = self.call("apply", fn("fn_1"), "x")
        self.answer(self.callback()["cb"], ok={"$t": "fn", "v": "fn_7"})
        self.assertEqual(self.worker.reply(rid)["ok"], {"$t": "fn", "v": "fn_7"},
                         "a Java function that a Java function returned goes back as itself")
        rid = self.call("catch", fn("fn_2"))
        self.answer(self.callback()["cb"], err={"message": "java.lang.IllegalStateException: no", "java": "jx_1"})
        self.assertEqual(self.worker.reply(rid)["ok"], "JavaException: java.lang.IllegalStateException: no")

    def test_a_nested_call_is_served_before_the_answer(self):
        rid = self.call("apply", fn("fn_1"), "outer")
        request = self.callback()
        nested = self.call("echo", "nested")
        self.assertEqual(self.worker.reply(nested)["ok"], "nested")
        self.answer(request["cb"], ok="answered")
        self.assertEqual(self.worker.reply(rid)["ok"], "answered")

    def test_an_answer_that_does_not_decode_is_refused_with_its_id(self):
        rid = self.call("apply", fn("fn_1"), 1)
        cb = self.callback()["cb"]
        bad = self.answer(cb, ok={"$t": "no-such-tag", "v": 1})
        error = self.worker.reply(bad)["err"]
        self.assertIn("unknown value tag", error["message"])
        self.answer(cb, ok=2)  # the callback still waits for its answer
        self.assertEqual(self.worker.reply(rid)["ok"], 2)

    # Frames written together with the call are there before the worker waits for the
    # answer: it reads them first, as it would read the answer (the worker numbers its
    # callback requests from 1).

    def test_a_frame_over_the_limit_read_before_the_answer_is_refused_with_its_id(self):
        rid, big, answer = (self.worker.next_id() for _ in range(3))
        self.worker.send_raw(
            compact({"id": rid, "op": "call", "mod": "hooks", "fn": "apply", "args": [fn("fn_1"), 1]})
            + compact({"id": big, "op": "call", "mod": "hooks", "fn": "echo", "args": ["z" * (2 * self.LIMIT)]})
            + compact({"id": answer, "op": "cbret", "cb": 1, "ok": 2, "noreply": True}))
        self.assertEqual(self.worker.reply(big)["err"]["type"], "FrameError")
        self.assertEqual(self.worker.reply(rid)["ok"], 2)

    def test_a_late_answer_read_before_the_awaited_one_is_dropped(self):
        given_up = self.worker.next_id()
        self.worker.send_raw(compact({"id": given_up, "to": 200, "op": "call", "mod": "hooks", "fn": "apply",
                                      "args": [fn("fn_1"), 1]}))
        self.assertEqual(self.callback()["cb"], 1)
        self.assertTrue(self.worker.reply(given_up)["err"]["timeout"], "callback 1 is given up")
        rid, late, answer = (self.worker.next_id() for _ in range(3))
        self.worker.send_raw(
            compact({"id": rid, "op": "call", "mod": "hooks", "fn": "apply", "args": [fn("fn_2"), 2]})
            + compact({"id": late, "op": "cbret", "cb": 1, "ok": "late", "noreply": True})
            + compact({"id": answer, "op": "cbret", "cb": 2, "ok": "awaited", "noreply": True}))
        self.assertEqual(self.worker.reply(rid)["ok"], "awaited")
        self.assertEqual(self.worker.ok("echo", 3, mod="hooks"), 3)
        self.assertNotIn(late, self.worker.replies, "an answer wants no reply")

    def test_a_nested_call_read_before_the_answer_is_served_first(self):
        rid, nested, answer = (self.worker.next_id() for _ in range(3))
        self.worker.send_raw(
            compact({"id": rid, "op": "call", "mod": "hooks", "fn": "apply", "args": [fn("fn_1"), "outer"]})
            + compact({"id": nested, "op": "call", "mod": "hooks", "fn": "echo", "args": ["nested"]})
            + compact({"id": answer, "op": "cbret", "cb": 1, "ok": "answered", "noreply": True}))
        self.assertEqual(self.worker.reply(nested)["ok"], "nested")
        self.assertEqual(self.worker.reply(rid)["ok"], "answered")


class FirstFrameAnswerTest(unittest.TestCase):
    """An answer that is the first frame read is taken without the serve loop: the common
    case, a Java function that does not call Python."""

    def test_the_awaited_answer_read_first_is_not_served_as_a_frame(self):
        from esem_worker import framing, interrupts, loader, server
        self.addCleanup(signal.signal, signal.SIGINT, signal.getsignal(signal.SIGINT))
        requests = tempfile.TemporaryFile()
        self.addCleanup(requests.close)
        requests.write(compact({"id": 1, "op": "call", "mod": "hooks.py", "fn": "apply", "args": [fn("fn_1"), 1]})
                       + compact({"id": 2, "op": "cbret", "cb": 1, "ok": 2, "noreply": True}))
        requests.seek(0)
        replies_in, replies_out = os.pipe()
        self.addCleanup(os.close, replies_in)
        self.addCleanup(os.close, replies_out)
        objects = Registry()
        values = Codec(objects, 64, 1 << 20)
        worker = server.Server(framing.FrameReader(requests.fileno(), 1 << 20), framing.FrameWriter(replies_out),
                               values, objects, loader.ModuleLoader([FIXTURES]), interrupts.Interrupter())
        values.functions = worker.callbacks.function
        served = []
        serve_one = worker._serve_one
        worker._serve_one = lambda read: served.append(1) or serve_one(read)
        worker.serve()  # on the main thread, as in a worker; until the input ends
        output = os.read(replies_in, 65536)
        self.assertIn(b'{"cb":1,"fn":"fn_1","args":[1]}\n', output)
        self.assertIn(b'{"id":1,"ok":2}\n', output)
        self.assertEqual(len(served), 2, "the call and the end of input, not the answer")


class DropInReplyWriteTest(unittest.TestCase):
    """Read straight from the pipe: the first read that brings the reply brings the drop."""

    def test_the_drop_of_a_passed_function_comes_in_the_reply_write(self):
        proc = subprocess.Popen(worker_command(worker_zip(), "--worker-id", "9", "--parent-pid",
                                               str(os.getpid()), "--path", FIXTURES),
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        try:
            out = proc.stdout.fileno()
            self.assertIn(b'"hello"', self.read_frames(out, b'"hello"'))
            for n in range(1, 6):
                proc.stdin.write(compact({"id": 2 * n, "op": "call", "mod": "hooks", "fn": "apply",
                                          "args": [fn("fn_%d" % n), n]}))
                proc.stdin.flush()
                self.assertIn(b'"cb":', self.read_frames(out, b'"cb":'))
                proc.stdin.write(compact({"id": 2 * n + 1, "op": "cbret", "cb": n, "ok": n, "noreply": True}))
                proc.stdin.flush()
                chunk = self.read_frames(out, b'{"id":%d,' % (2 * n))
                self.assertIn(b'{"ev":"fndrop","ids":["fn_%d"]}\n' % n, chunk,
                              "the drop is written with the reply, not after it")
        finally:
            proc.kill()
            proc.wait()
            proc.stdin.close()
            proc.stdout.close()

    def read_frames(self, fd, wanted):
        """Reads until ``wanted`` has come; returns what the read that brought it read (and
        what came before it in the same read)."""
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            if select.select([fd], [], [], 0.1)[0]:
                chunk = os.read(fd, 65536)
                if not chunk:
                    raise AssertionError("the worker's output ended")
                if wanted in chunk:
                    return chunk
        raise AssertionError("timed out waiting for %r" % wanted)


class InlineCallbackRequestTest(unittest.TestCase):

    def test_scalar_arguments_are_written_as_the_encoder_writes_them(self):
        codec = Codec(Registry(), 256, 1 << 20)
        for args in ([], [1], [-7], [2 ** 70], [True], [1.5, "x\u00e9\n\"", None, True, False, float("nan"), -float("inf"), 2 ** 70],
                     [-0.0, 1e300, "", "\ud800"]):
            inline = codec.encode_callback(3, "fn_\u00e9", args)
            general = codec._encode_value({"cb": 3, "fn": "fn_\u00e9"}, "args", args)
            self.assertEqual(inline, general, args)

    def test_the_drop_event_is_written_as_the_encoder_writes_it(self):
        codec = Codec(Registry(), 256, 1 << 20)
        for ids in (["fn_1"], ["fn_2", "fn_3_\u00e9", 'fn_"4\\']):
            self.assertEqual(codec.encode_dropped(ids), codec.encode_event({"ev": "fndrop", "ids": ids}), ids)

    def test_other_arguments_take_the_encoder(self):
        codec = Codec(Registry(), 256, 1 << 20)
        self.assertEqual(codec.encode_callback(4, "fn_1", [[1, 2], {"a": None}]),
                         b'{"cb":4,"fn":"fn_1","args":[[1,2],{"a":null}]}\n')


if __name__ == "__main__":
    unittest.main()
