"""Constructs that the Java side names itself and sends without waiting for a reply."""

import json
import unittest

import support  # also puts the worker package on sys.path
from esem_worker.registry import Registry, UnknownRefError
from test_worker_process import start_worker

NAMED = "py_obj_j1_abcdefghijkl"


def _fail(message):
    raise ValueError(message)


class NamedRegistryTest(unittest.TestCase):

    def test_an_object_named_by_java_is_found_under_that_name(self):
        registry = Registry()
        obj = object()
        registry.put_named(obj, NAMED)
        self.assertIs(registry.get(NAMED), obj)
        self.assertEqual(registry.put(obj), NAMED)  # sent again: the same id, one more hold
        registry.release([NAMED, NAMED])
        self.assertEqual(registry.size(), 0)

    def test_only_ids_of_the_java_form_are_taken_and_each_once(self):
        registry = Registry()
        worker_id = registry.put(object())
        for bad in (worker_id, "py_obj_7_abcdefgh", "j1", 17, None):
            with self.assertRaises(ValueError):
                registry.put_named(object(), bad)
        registry.put_named(object(), NAMED)
        with self.assertRaises(ValueError):
            registry.put_named(object(), NAMED)
        with self.assertRaises(ValueError):
            registry.put_failed(NAMED, ValueError("late"))

    def test_a_failed_construction_raises_its_error_with_its_own_traceback_until_released(self):
        registry = Registry()
        try:
            _fail("bad tier")
        except ValueError as exc:
            registry.put_failed(NAMED, exc)
        depths = []
        for _ in range(3):
            with self.assertRaises(ValueError) as raised:
                registry.get(NAMED)
            self.assertEqual(str(raised.exception), "bad tier")
            tb, depth = raised.exception.__traceback__, 0
            while tb is not None:
                depth, tb = depth + 1, tb.tb_next
            depths.append(depth)
        self.assertEqual(len(set(depths)), 1, "the traceback grows with each use: %s" % depths)
        self.assertEqual(registry.size(), 1)
        registry.release([NAMED])
        self.assertEqual(registry.size(), 0)
        with self.assertRaises(UnknownRefError):
            registry.get(NAMED)

    def test_a_second_name_of_a_registered_object_leaves_its_own_id_alone(self):
        registry = Registry()
        shared = object()
        own = registry.put(shared)
        registry.put_named(shared, NAMED)
        registry.release([NAMED])
        self.assertIs(registry.get(own), shared)
        self.assertEqual(registry.put(shared), own)


class NamedConstructWorkerTest(support.SharedWorkerTest):
    """The worker runs a one-way construct, then the requests that name its object."""

    @classmethod
    def shared_worker(cls, cwd):
        return start_worker(cwd=cwd)

    def registry_size(self):
        return self.worker.request("ping")["ok"]["registry"]

    def send_together(self, *frames):
        """Writes frames in one write, compact, as the Java side does; returns their ids."""
        ids = [self.worker.next_id() for _ in frames]
        self.worker.send_raw(b"".join(
            json.dumps(dict(id=rid, **frame), separators=(",", ":")).encode() + b"\n"
            for rid, frame in zip(ids, frames)))
        return ids

    def test_the_call_behind_a_one_way_construct_uses_its_object(self):
        before = self.registry_size()
        ref = "py_obj_j1_worker0test01"
        construct, double, value = self.send_together(
            {"op": "construct", "mod": "constructed", "cls": "Positive", "args": [21], "new": ref,
             "noreply": True},
            {"op": "invoke", "ref": ref, "fn": "double", "args": []},
            {"op": "call", "mod": "constructed", "fn": "value_of", "args": [{"$t": "ref", "v": ref}]})
        self.assertEqual(self.worker.reply(double)["ok"], 42)
        self.assertEqual(self.worker.reply(value)["ok"], 21)
        self.assertEqual(self.worker.request("getattr", ref=ref, name="value")["ok"], 21)
        self.assertNotIn(construct, self.worker.replies)  # a one-way construct has no reply
        self.assertEqual(self.registry_size(), before + 1)
        self.worker.send("release", refs=[ref], noreply=True)
        self.assertEqual(self.registry_size(), before)

    def test_a_failed_one_way_construct_fails_every_use_with_its_exception_until_released(self):
        before = self.registry_size()
        ref = "py_obj_j2_worker0test01"
        _, double, value = self.send_together(
            {"op": "construct", "mod": "constructed", "cls": "Positive", "args": [-1], "new": ref,
             "noreply": True},
            {"op": "invoke", "ref": ref, "fn": "double", "args": []},
            {"op": "call", "mod": "constructed", "fn": "value_of", "args": [{"$t": "ref", "v": ref}]})
        uses = [self.worker.reply(double), self.worker.reply(value),
                self.worker.request("getattr", ref=ref, name="value")]
        for reply in uses:
            err = reply["err"]
            self.assertEqual((err["type"], err["message"]), ("ValueError", "not a positive number: -1"))
            self.assertIn("constructed.py", err["traceback"])
            self.assertIn("raise ValueError", err["traceback"])
            self.assertNotIn("server.py", err["traceback"])
        self.assertEqual(len({reply["err"]["traceback"] for reply in uses}), 1)
        self.assertEqual(self.registry_size(), before + 1)  # the failure is held until released
        self.worker.send("release", refs=[ref], noreply=True)
        self.assertEqual(self.registry_size(), before)
        self.assertEqual(self.worker.request("invoke", ref=ref, fn="double", args=[])["err"]["type"],
                         "UnknownRefError")
        self.assertFalse([e for e in self.worker.events if e.get("ev") == "log" and ref in e.get("msg", "")])

    def test_a_one_way_construct_with_an_id_of_the_wrong_form_is_refused_and_logged(self):
        before = self.registry_size()
        self.send_together({"op": "construct", "mod": "constructed", "cls": "Positive", "args": [1],
                            "new": "py_obj_1_abcdefgh", "noreply": True})
        event = self.worker.wait_event(lambda e: e.get("ev") == "log" and "py_obj_1_abcdefgh" in e.get("msg", ""))
        self.assertEqual(event["level"], "WARNING")
        self.assertEqual(self.registry_size(), before)

    def test_a_call_runs_the_constructs_it_carries_first(self):
        before = self.registry_size()
        ref, failing = "py_obj_j3_worker0test01", "py_obj_j4_worker0test01"
        carried = [{"id": self.worker.next_id(), "op": "construct", "mod": "constructed", "cls": "Positive",
                    "args": [args], "new": new, "noreply": True} for args, new in ((4, ref), (-1, failing))]
        double = self.worker.request("invoke", ref=ref, fn="double", args=[], ahead=carried)
        self.assertEqual(double["ok"], 8)
        err = self.worker.request("invoke", ref=failing, fn="double", args=[])["err"]
        self.assertEqual((err["type"], err["message"]), ("ValueError", "not a positive number: -1"))
        self.assertEqual(self.registry_size(), before + 2)
        self.worker.send("release", refs=[ref, failing], noreply=True)
        self.assertEqual(self.registry_size(), before)

    def test_the_constructs_a_call_carries_run_even_when_the_call_is_skipped_or_fails(self):
        before = self.registry_size()
        late, failed = "py_obj_j5_worker0test01", "py_obj_j6_worker0test01"
        construct = {"op": "construct", "mod": "constructed", "cls": "Positive", "args": [3], "noreply": True}
        skipped = self.worker.request("invoke", ref=late, fn="double", args=[], to=1000, dl=1,
                                      ahead=[dict(construct, id=self.worker.next_id(), new=late)])
        self.assertTrue(skipped["err"]["timeout"], "its deadline passed before it was read")
        unknown = self.worker.request("call", mod="constructed", fn="no_such_function", args=[],
                                      ahead=[dict(construct, id=self.worker.next_id(), new=failed)])
        self.assertIn("err", unknown)
        for new in (late, failed):
            self.assertEqual(self.worker.request("invoke", ref=new, fn="double", args=[])["ok"], 6)
        self.worker.send("release", refs=[late, failed], noreply=True)
        self.assertEqual(self.registry_size(), before)

    def test_a_carried_request_that_is_not_a_named_construct_is_logged_and_the_call_runs(self):
        reply = self.worker.request("getattr", mod="constructed", name="__name__",
                                    ahead=[{"id": 1, "op": "call", "mod": "constructed", "fn": "value_of"}])
        event = self.worker.wait_event(lambda e: e.get("ev") == "log" and "not a named construct" in e.get("msg", ""))
        self.assertEqual(event["level"], "WARNING")
        self.assertEqual(reply["ok"], "constructed")


if __name__ == "__main__":
    unittest.main()
