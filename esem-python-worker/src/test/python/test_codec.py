import array
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
from support import reply_parts, request_frame


class Color(enum.IntEnum):
    RED = 1


class Shade(enum.Enum):
    DARK = "dark-value"


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
        """The JSON value of ``value`` as it appears in an ok reply; its binary segments
        are left in ``self.segments``."""
        reply, self.segments = reply_parts(self.codec.encode_ok(1, value))
        return reply["ok"]

    def round_trip(self, value):
        """``value`` encoded as a result, then decoded as a request argument."""
        reply, segments = reply_parts(self.codec.encode_ok(1, value))
        request = request_frame({"id": 1, "op": "call", "args": [reply["ok"]]}, segments)
        return self.codec.decode(request)["args"][0]

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

    def test_bytes_travel_as_binary_segments(self):
        self.assertEqual(self.wire([b"\x00\xffbytes", bytearray(b"ab")]),
                         [{"$t": "bytes", "v": 0}, {"$t": "bytes", "v": 1}])
        self.assertEqual(self.segments, [b"\x00\xffbytes", b"ab"])
        back = self.round_trip(b"\x00\xff")
        self.assertEqual((type(back), back), (bytes, b"\x00\xff"))
        reply = self.codec.encode_ok(7, {"data": b"xyz"})
        self.assertEqual(reply[0], b'{"id":7,"$b":[3],"ok":{"data":{"$t":"bytes","v":0}}}\n')

    def test_a_long_string_result_travels_as_utf8_in_a_segment(self):
        self.codec = Codec(self.registry, max_depth=8, max_frame_bytes=1 << 20)
        text = "naïve ☃ " * 3000
        reply = self.codec.encode_ok(3, text)
        data = text.encode("utf-8")
        self.assertEqual(reply[0], b'{"id":3,"$b":[%d],"ok":{"$t":"str","v":0}}\n' % len(data))
        self.assertEqual(bytes(reply[1]), data)
        self.assertEqual(self.round_trip(text), text)
        # lone surrogates cannot be UTF-8: such a string stays JSON text
        odd = "\udc80" * 20000
        self.assertEqual(json.loads(self.codec.encode_ok(3, odd))["ok"], odd)

    def test_long_lists_of_floats_or_ints_travel_as_arrays_of_numbers(self):
        self.codec = Codec(self.registry, max_depth=8, max_frame_bytes=1 << 20)
        floats = [i / 3 for i in range(2000)]
        self.assertEqual(self.wire(floats), {"$t": "nums", "v": 0, "dtype": "float64"})
        self.assertEqual(self.segments[0], array.array("d", floats).tobytes())
        self.assertEqual(self.round_trip(floats), floats)
        ints = tuple(range(-1000, 1000))
        self.assertEqual(self.wire(ints)["dtype"], "int64")
        self.assertEqual(self.round_trip(ints), list(ints))
        for plain in ([1.5] * 1023, [1, 2.5] * 600, [True] * 2000, [2 ** 70] * 2000):
            with self.subTest(plain=plain[:2]):
                self.assertNotIn("$t", json.dumps(self.wire(plain)))

    def test_number_lists_from_java_become_lists(self):
        for dtype, code in (("float64", "d"), ("float32", "f"), ("int64", "q"), ("int32", "i"),
                            ("int16", "h")):
            with self.subTest(dtype=dtype):
                numbers = array.array(code, [1, -2, 3])
                request = request_frame({"id": 1, "op": "call", "args": [
                    {"$t": "nums", "v": 0, "dtype": dtype}]}, [numbers.tobytes()])
                self.assertEqual(self.codec.decode(request)["args"][0], [1, -2, 3])
        with self.assertRaisesRegex(ValueError, "unknown number list dtype 'uint8'"):
            self.codec.decode(request_frame({"id": 1, "op": "call", "args": [
                {"$t": "nums", "v": 0, "dtype": "uint8"}]}, [b"1"]))

    def test_a_segment_that_the_frame_does_not_have_is_a_decode_error(self):
        for index in (1, -1, "0", None):
            with self.subTest(index=index):
                with self.assertRaisesRegex(ValueError, "binary segment"):
                    self.codec.decode(request_frame({"id": 1, "op": "call", "args": [
                        {"$t": "bytes", "v": index}]}, [b"x"]))

    def test_segments_count_towards_the_reply_limit(self):
        with self.assertRaisesRegex(ValueError, r"reply frame of 0\.00 MiB \(\d+ bytes\) exceeds"):
            self.codec.encode_ok(1, [b"x" * 4000, b"y" * 100])

    def test_near_json_types_travel_as_their_json_form(self):
        self.assertEqual(self.wire(frozenset()), {"$t": "set", "v": []})
        self.assertEqual(self.wire(Color.RED), 1)
        self.assertEqual(self.wire(collections.OrderedDict(a=[Color.RED])), {"a": [1]})

    def test_dict_views_cross_as_lists(self):
        table = {"a": 1, "b": 2}
        self.assertEqual(self.wire(table.keys()), ["a", "b"])
        self.assertEqual(self.wire(table.values()), [1, 2])
        self.assertEqual(self.wire(table.items()), [["a", 1], ["b", 2]])

    def test_a_plain_enum_member_crosses_by_name(self):
        self.assertEqual(self.wire(Shade.DARK), "DARK")
        self.assertEqual(self.wire({"shade": [Shade.DARK]}), {"shade": ["DARK"]})

    def test_java_time_spellings_decode(self):
        frame = (b'{"id":1,"op":"call","args":[{"$t":"dt","v":"2024-01-02T03:04:05.123456789Z"},'
                 b'{"$t":"time","v":"10:15"}]}')
        when, at = self.codec.decode(frame)["args"]
        self.assertEqual(when, datetime.datetime(2024, 1, 2, 3, 4, 5, 123456,
                                                 tzinfo=datetime.timezone.utc))
        self.assertEqual(at, datetime.time(10, 15))

    def test_decoded_sets_and_keys_are_hashable(self):
        frame = (b'{"id":1,"op":"call","args":[{"$t":"set","v":[[1,2],[1,3]]},'
                 b'{"$t":"dict","v":[[[1,[2]],"x"]]}]}')
        values, mapping = self.codec.decode(frame)["args"]
        self.assertEqual(values, {(1, 2), (1, 3)})
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
        frame = self.codec.encode_err(3, ValueError("m" * 10000), "t" * 10000)
        self.assertLessEqual(len(frame), 4096)
        err = json.loads(frame)["err"]
        self.assertTrue(err["message"].endswith("[9744 characters cut]"))
        self.assertEqual(list(json.loads(frame)), ["id", "err"])

    def test_request_must_be_an_object(self):
        with self.assertRaisesRegex(ValueError, "JSON object"):
            self.codec.decode(b"[1]")


if __name__ == "__main__":
    unittest.main()
