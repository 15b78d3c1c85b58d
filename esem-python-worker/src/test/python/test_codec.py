import collections
import datetime
import decimal
import enum
import json
import math
import unittest

import support  # noqa: F401  (puts the worker package on sys.path)
from esem_worker.codec import AsRef, Codec
from esem_worker.registry import Registry, UnknownRefError


class Color(enum.IntEnum):
    RED = 1


class Thing:
    def poke(self):
        return "poked"

    def _private(self):
        pass


def request(*args):
    return json.dumps({"id": 1, "op": "call", "args": list(args)}, allow_nan=True).encode()


class CodecTest(unittest.TestCase):

    def setUp(self):
        self.registry = Registry()
        self.codec = Codec(self.registry, max_depth=8, max_frame_bytes=4096)

    def wire(self, value):
        """The JSON value of ``value`` as it appears in an ok reply."""
        frame = self.codec.encode_ok(1, value)
        self.assertTrue(frame.endswith(b"\n"))
        return json.loads(frame)["ok"]

    def round_trip(self, value):
        frame = self.codec.encode_ok(1, value)
        arg = frame.replace(b'{"id":1,"ok":', b'{"id":1,"op":"call","args":[', 1)
        return self.codec.decode(arg[:-2] + b"]}")["args"][0]

    def test_plain_json_is_passed_through_untouched(self):
        numbers = list(range(1000))
        mixed = {"a": 1, "b": "two", "c": None, "d": 1.5, "e": True}
        self.assertIs(self.codec.prepare(numbers), numbers)
        self.assertIs(self.codec.prepare(mixed), mixed)
        self.assertEqual(self.wire([mixed, (1, 2), []]), [mixed, [1, 2], []])

    def test_scalars(self):
        for value in (None, True, False, 0, -7, 2 ** 200, -(3 ** 300), 1.25, "", "snow ☃ \n"):
            self.assertEqual(self.wire(value), value)
            self.assertEqual(type(self.round_trip(value)), type(value))

    def test_non_finite_floats_are_bare_literals(self):
        frame = self.codec.encode_ok(1, [math.nan, math.inf, -math.inf])
        self.assertEqual(frame, b'{"id":1,"ok":[NaN,Infinity,-Infinity]}\n')
        self.assertTrue(math.isnan(self.round_trip(math.nan)))

    def test_tagged_values_round_trip(self):
        aware = datetime.datetime(2024, 2, 29, 13, 45, 1, 250000,
                                  tzinfo=datetime.timezone(datetime.timedelta(hours=2)))
        cases = [
            (b"\x00\xffbytes", {"$t": "bytes", "v": "AP9ieXRlcw=="}),
            ({3}, {"$t": "set", "v": [3]}),
            (decimal.Decimal("12.3400"), {"$t": "dec", "v": "12.3400"}),
            (datetime.date(2024, 2, 29), {"$t": "date", "v": "2024-02-29"}),
            (datetime.time(23, 59, 58, 5), {"$t": "time", "v": "23:59:58.000005"}),
            (datetime.datetime(2024, 2, 29, 1, 2, 3), {"$t": "dt", "v": "2024-02-29T01:02:03"}),
            (aware, {"$t": "dt", "v": "2024-02-29T13:45:01.250000+02:00"}),
            ({1: "a", (2, 3): "b"}, {"$t": "dict", "v": [[1, "a"], [[2, 3], "b"]]}),
            ({"$t": "mine"}, {"$t": "dict", "v": [["$t", "mine"]]}),
        ]
        for value, tagged in cases:
            with self.subTest(value=value):
                self.assertEqual(self.wire(value), tagged)
                self.assertEqual(self.round_trip(value), value)
                self.assertEqual(list(self.wire(value)), ["$t", "v"])

    def test_near_json_types_travel_as_their_json_form(self):
        self.assertEqual(self.wire(bytearray(b"ab")), {"$t": "bytes", "v": "YWI="})
        self.assertEqual(self.wire(frozenset()), {"$t": "set", "v": []})
        self.assertEqual(self.wire(Color.RED), 1)
        self.assertEqual(self.wire(collections.OrderedDict(a=[Color.RED])), {"a": [1]})
        self.assertEqual(self.wire(collections.namedtuple("P", "x y")(1, 2)), [1, 2])

    def test_java_time_spellings_decode(self):
        frame = (b'{"id":1,"op":"call","args":[{"$t":"dt","v":"2024-01-02T03:04:05.123456789Z"},'
                 b'{"$t":"time","v":"10:15"}]}')
        when, at = self.codec.decode(frame)["args"]
        self.assertEqual(when, datetime.datetime(2024, 1, 2, 3, 4, 5, 123456,
                                                 tzinfo=datetime.timezone.utc))
        self.assertEqual(at, datetime.time(10, 15))

    def test_decoded_sets_and_keys_are_hashable(self):
        frame = (b'{"id":1,"op":"call","args":[{"$t":"set","v":[[1,2],[1,2]]},'
                 b'{"$t":"dict","v":[[[1,[2]],"x"]]}]}')
        values, mapping = self.codec.decode(frame)["args"]
        self.assertEqual(values, {(1, 2)})
        self.assertEqual(mapping, {(1, (2,)): "x"})

    def test_other_objects_become_refs_to_the_same_object(self):
        thing = Thing()
        ref = self.wire([thing])[0]
        self.assertEqual(ref, {"$t": "ref", "v": ref["v"], "cls": "Thing",
                               "module": __name__, "methods": ["poke"]})
        self.assertIs(self.registry.get(ref["v"]), thing)
        self.assertIs(self.round_trip(thing), thing)
        self.assertIs(self.registry.get(self.wire(len)["v"]), len)

    def test_as_ref_forces_a_ref(self):
        ref = self.wire(AsRef({"plain": "dict"}))
        self.assertEqual((ref["$t"], ref["cls"]), ("ref", "dict"))

    def test_unknown_ref_and_tag_are_decode_errors(self):
        with self.assertRaisesRegex(UnknownRefError, "py_obj_99_abc"):
            self.codec.decode(request({"$t": "ref", "v": "py_obj_99_abc"}))
        with self.assertRaisesRegex(ValueError, "unknown value tag 'nope'"):
            self.codec.decode(request({"$t": "nope", "v": 1}))

    def test_result_depth_limit(self):
        def nested(depth):
            value = []
            for _ in range(depth - 1):
                value = [value]
            return value

        self.assertEqual(self.wire(nested(8)), nested(8))
        self.assertEqual(self.wire({"k": {1: nested(6)}})["k"]["v"][0][1], nested(6))
        with self.assertRaisesRegex(ValueError, "nested at least 9 levels deep; the max depth is 8"):
            self.codec.encode_ok(1, nested(9))
        cycle = []
        cycle.append(cycle)
        with self.assertRaisesRegex(ValueError, "max depth is 8"):
            self.codec.encode_ok(1, cycle)

    def test_python_recursion_error_is_caught_as_an_error(self):
        codec = Codec(self.registry, max_depth=10 ** 6, max_frame_bytes=1 << 30)
        value = []
        for _ in range(100000):
            value = [value]
        with self.assertRaises(RecursionError):
            codec.encode_ok(1, value)

    def test_request_depth_limit(self):
        deepest = json.loads("[" * 8 + "]" * 8)
        # More brackets than the limit, so the frame is walked, but none too deep.
        ok = request(deepest, [{"a": [1]}], {"b": {"c": []}})
        self.assertEqual(self.codec.decode(ok)["args"][0], deepest)
        with self.assertRaisesRegex(ValueError, "at least 9 levels deep; the max depth is 8"):
            self.codec.decode(request(json.loads("[" * 9 + "]" * 9)))
        with self.assertRaisesRegex(ValueError, "too deeply to decode; the max depth is 8"):
            self.codec.decode(request(None).replace(b"null", b"[" * 100000 + b"]" * 100000))

    def test_oversized_reply_fails_and_releases_its_refs(self):
        before = self.registry.size()
        with self.assertRaisesRegex(ValueError, r"reply frame of 0\.00 MiB \(\d+ bytes\) exceeds "
                                                r"the max frame size of 0\.00 MiB \(4096 bytes\)"):
            self.codec.encode_ok(1, [Thing(), "x" * 5000])
        self.assertEqual(self.registry.size(), before)

    def test_an_object_sent_again_has_the_same_ref_and_one_more_hold(self):
        thing = Thing()
        first = self.wire(thing)["v"]
        self.assertEqual([ref["v"] for ref in self.wire([thing, thing])], [first, first])
        with self.assertRaises(ValueError):
            self.codec.encode_ok(1, [thing, "x" * 5000])  # takes its hold back
        self.registry.release([first] * 2)
        self.assertIs(self.registry.get(first), thing)
        self.registry.release([first])
        self.assertEqual(self.registry.size(), 0)

    def test_error_frames_are_cut_to_fit(self):
        frame = self.codec.encode_err(3, "ValueError", "m" * 10000, "t" * 10000)
        self.assertLessEqual(len(frame), 4096)
        err = json.loads(frame)["err"]
        self.assertTrue(err["message"].endswith("[9744 characters cut]"))
        self.assertEqual(list(json.loads(frame)), ["id", "err"])

    def test_request_must_be_an_object(self):
        with self.assertRaisesRegex(ValueError, "JSON object"):
            self.codec.decode(b"[1]")


if __name__ == "__main__":
    unittest.main()
