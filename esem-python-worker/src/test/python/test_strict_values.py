"""Values never change on the way: missing markers, subclasses of builtins, colliding keys."""

import datetime
import json
import math
import sys
import unittest

import numpy as np

import support  # noqa: F401  (puts the worker package on sys.path)
from esem_worker.codec import Codec
from esem_worker.missing import is_missing
from esem_worker.registry import Registry
from support import reply_parts


class NaTType(datetime.datetime):
    """Stands for pandas' NaT: a datetime whose isoformat() is 'NaT'."""

    def isoformat(self, *args, **kwargs):
        return "NaT"


NaTType.__module__ = "pandas._libs.tslibs.nattype"


class NAType:
    pass


NAType.__module__ = "pandas._libs.missing"


class Liar(str):
    def __str__(self):
        return "LIE"


class Devil(int):
    def __int__(self):
        return 666

    def __index__(self):
        return 666

    def __repr__(self):
        return "666"


class Sinking(float):
    def __float__(self):
        return -1.0

    def __repr__(self):
        return "-1.0"


class StrictValuesTest(unittest.TestCase):

    def setUp(self):
        self.codec = Codec(Registry(), max_depth=8, max_frame_bytes=1 << 20)

    def wire(self, value):
        return reply_parts(self.codec.encode_ok(1, value))[0]["ok"]

    def decode_arg(self, text):
        return self.codec.decode(('{"id":1,"op":"call","args":[%s]}' % text).encode())["args"][0]

    def test_missing_markers_cross_as_none(self):
        nat = NaTType(2000, 1, 1)
        self.assertTrue(is_missing(nat))
        self.assertTrue(is_missing(NAType()))
        self.assertTrue(is_missing(np.datetime64("NaT")))
        self.assertTrue(is_missing(np.timedelta64("NaT")))
        self.assertFalse(is_missing(np.datetime64("2024-01-01")))
        self.assertFalse(is_missing(datetime.datetime(2000, 1, 1)))
        self.assertEqual(self.wire([nat, NAType(), np.datetime64("NaT"), {"at": nat}]),
                         [None, None, None, {"at": None}])
        self.assertEqual(self.wire(nat), None)

    def test_missing_markers_are_told_without_importing_pandas(self):
        is_missing(NAType())
        self.assertNotIn("pandas", sys.modules)

    def test_subclasses_of_builtins_cross_as_their_builtin_value(self):
        self.assertEqual(self.wire(Liar("truth")), "truth")
        self.assertEqual(self.wire(Devil(42)), 42)
        self.assertEqual(self.wire(Sinking(2.5)), 2.5)
        self.assertEqual(self.wire([Liar("truth"), Devil(42), Sinking(2.5)]), ["truth", 42, 2.5])
        self.assertEqual(self.wire({Liar("k"): Devil(1)}), {"$t": "dict", "v": [["k", 1]]})
        self.assertIs(type(self.wire([Devil(42)])[0]), int)

    def test_more_than_one_nan_key_fails_the_result(self):
        for value in ({math.nan: 1, float("nan"): 2}, {math.nan, float("nan")}):
            with self.assertRaisesRegex(ValueError, "NaN keys"):
                self.codec.encode_ok(1, value)
        self.assertEqual(self.wire({math.nan: 1, 1.5: 2})["v"][1], [1.5, 2])

    def test_java_keys_that_are_one_key_in_python_fail_the_request(self):
        # Java's Integer 1, Long 1, Double 1.0 and Boolean true are four keys there
        with self.assertRaisesRegex(ValueError, "keys 1 and 1 and 1.0 and True are one key in Python"):
            self.decode_arg('{"$t":"dict","v":[[1,"a"],[1,"b"],[1.0,"c"],[true,"d"]]}')
        with self.assertRaisesRegex(ValueError, "one key in Python"):
            self.decode_arg('{"$t":"set","v":[1,1.0]}')
        self.assertEqual(self.decode_arg('{"$t":"dict","v":[[1,"a"],[2,"b"]]}'), {1: "a", 2: "b"})


if __name__ == "__main__":
    unittest.main()
