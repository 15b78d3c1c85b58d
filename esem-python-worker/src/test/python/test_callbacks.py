"""Java functions called from Python, with this test playing the Java side."""

import os
import unittest

from support import FIXTURES, WorkerProcess, worker_zip


def fn(fn_id, kind="Function"):
    return {"$t": "fn", "v": fn_id, "kind": kind}


class CallbacksTest(unittest.TestCase):

    def setUp(self):
        self.worker = WorkerProcess(worker_zip(), "--worker-id", "4", "--parent-pid", str(os.getpid()),
                                    "--path", FIXTURES)

    def tearDown(self):
        self.worker.kill()

    def send_call(self, name, *args):
        return self.worker.send("call", mod="hooks", fn=name, args=list(args))

    def callback(self):
        frame = self.worker.wait_event(lambda e: "cb" in e)
        self.worker.events.remove(frame)
        return frame

    def answer(self, cb, **members):
        self.worker.send("cbret", cb=cb, noreply=True, **members)

    def test_python_calls_a_java_function_and_gets_its_answer(self):
        rid = self.send_call("apply", fn("fn_1"), 20)
        request = self.callback()
        self.assertEqual((request["fn"], request["args"]), ("fn_1", [20]))
        self.answer(request["cb"], ok=22)
        self.assertEqual(self.worker.reply(rid)["ok"], 22)

    def test_while_it_waits_the_worker_serves_nested_calls(self):
        rid = self.send_call("apply", fn("fn_1"), "outer")
        request = self.callback()
        nested = self.send_call("echo", "nested")
        self.assertEqual(self.worker.reply(nested)["ok"], "nested")
        self.answer(request["cb"], ok="answered")
        self.assertEqual(self.worker.reply(rid)["ok"], "answered")

    def test_a_java_exception_raises_java_exception_and_escapes_with_its_ref(self):
        rid = self.send_call("catch", fn("fn_2"))
        self.answer(self.callback()["cb"], err={"message": "java.lang.IllegalStateException: no", "java": "jx_1"})
        self.assertEqual(self.worker.reply(rid)["ok"], "JavaException: java.lang.IllegalStateException: no")
        rid = self.send_call("apply", fn("fn_3"), 1)
        self.answer(self.callback()["cb"], err={"message": "java.lang.RuntimeException: out", "java": "jx_2"})
        error = self.worker.reply(rid)["err"]
        self.assertEqual((error["type"], error["java"]), ("JavaException", "jx_2"))

    def test_a_kept_function_stays_callable_and_its_drop_is_told(self):
        self.assertEqual(self.worker.request("call", mod="hooks", fn="keep", args=[fn("fn_9")])["ok"], 1)
        rid = self.send_call("call_kept", 5)
        self.answer(self.callback()["cb"], ok=6)
        self.assertEqual(self.worker.reply(rid)["ok"], [6])
        self.worker.request("call", mod="hooks", fn="forget", args=[])
        dropped = self.worker.wait_event(lambda e: e.get("ev") == "fndrop")
        self.assertEqual(dropped["ids"], ["fn_9"])

    def test_a_java_function_goes_back_to_java_as_itself(self):
        reply = self.worker.request("call", mod="hooks", fn="echo", args=[fn("fn_4", "Supplier")])
        self.assertEqual(reply["ok"], {"$t": "fn", "v": "fn_4"})

    def test_a_python_thread_gets_its_answer_while_the_main_thread_waits_for_its_own(self):
        rid = self.send_call("apply_beside_a_thread", fn("fn_6"), fn("fn_7"), 3)
        requests = {}
        while len(requests) < 2:
            request = self.callback()
            requests[request["fn"]] = request
        # the thread's first: the main thread reads it while it waits for its own
        self.answer(requests["fn_7"]["cb"], ok="thread")
        self.answer(requests["fn_6"]["cb"], ok="main")
        self.assertEqual(self.worker.reply(rid)["ok"], ["main", "thread"])

    def test_keyword_arguments_are_refused(self):
        error = self.worker.request("call", mod="hooks", fn="call_with_keyword", args=[fn("fn_5")])["err"]
        self.assertEqual(error["type"], "TypeError")
        self.assertIn("no keyword arguments", error["message"])


if __name__ == "__main__":
    unittest.main()
