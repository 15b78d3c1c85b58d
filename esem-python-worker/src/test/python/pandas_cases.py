"""Tables from real pandas, torch and scipy values (run by test_tables on an interpreter
that has them)."""

import array
import json
import unittest

import numpy as np
import pandas as pd
import torch
import scipy.sparse

import support  # noqa: F401  (puts the worker package on sys.path)
from esem_worker import tables
from esem_worker.codec import Codec
from esem_worker.registry import Registry
from support import reply_parts, request_frame


class PandasCases(unittest.TestCase):

    def setUp(self):
        self.codec = Codec(Registry(), max_depth=8, max_frame_bytes=1 << 24)

    def wire(self, value):
        frame, self.segments = reply_parts(self.codec.encode_ok(1, value))
        return frame["ok"]

    def test_a_data_frame_is_columns_in_segments(self):
        frame = pd.DataFrame({"x": [1.5, float("nan")], "s": ["a", None], "n": pd.array([1, None], dtype="Int64")})
        table = self.wire(frame)
        self.assertEqual(table["$t"], "table")
        self.assertEqual(table["rows"], 2)
        x, s, n = table["v"]
        self.assertEqual((x["name"], x["kind"], x["dtype"]), ("x", "nd", "float64"))
        self.assertEqual(self.segments[x["data"]], np.array([1.5, np.nan]).tobytes())
        self.assertEqual((s["kind"], self.segments[s["data"]], self.segments[s["mask"]]),
                         ("str", b"a", b"\x00\x01"))
        self.assertEqual(array.array("q", self.segments[s["offsets"]]).tolist(), [0, 1, 1])
        self.assertEqual((n["dtype"], self.segments[n["mask"]]), ("int64", b"\x00\x01"))
        self.assertNotIn("mask", x)  # a float keeps its NaN

    def test_no_json_object_per_row(self):
        frame = pd.DataFrame(np.zeros((10000, 5)), columns=list("abcde"))
        head = self.codec.encode_ok(1, frame)[0]
        self.assertLess(len(head), 400)

    def test_index_other_than_the_default_leads(self):
        named = self.wire(pd.DataFrame({"v": [1]}, index=pd.Index(["k"], name="key")))
        self.assertEqual([c["name"] for c in named["v"]], ["key", "v"])
        multi = self.wire(pd.DataFrame({"v": [1]}, index=pd.MultiIndex.from_tuples([("a", 1)])))
        self.assertEqual([c["name"] for c in multi["v"]], ["level_0", "level_1", "v"])
        with self.assertRaisesRegex(ValueError, "duplicate column names 'a'"):
            self.wire(pd.DataFrame([[1, 2]], columns=["a", "a"]))

    def test_tz_columns_are_utc_counts_and_their_zone(self):
        at = pd.Series(pd.to_datetime(["2024-01-01 12:00"]).tz_localize("Europe/Berlin"))
        column = self.wire(at)["v"]
        self.assertEqual((column["kind"], column["unit"], column["tz"]), ("dt", "ns", "Europe/Berlin"))
        self.assertEqual(np.frombuffer(self.segments[0], "<i8")[0],
                         pd.Timestamp("2024-01-01 11:00", tz="UTC").value)

    def test_tensors_index_and_arrays(self):
        self.assertEqual(self.wire(torch.tensor(2.0, requires_grad=True)), 2.0)
        self.assertEqual(self.wire(torch.ones(2, requires_grad=True))["$t"], "nd")
        self.assertEqual(self.wire(pd.Index(["a", None])), ["a", None])
        self.assertEqual(self.wire(np.array([1j]))["$t"], "fail")
        self.assertEqual(self.wire(np.array(["ab", "c"]))["v"]["kind"], "str")
        self.assertEqual(self.wire(np.array(["2020-01-01", "NaT"], dtype="M8[D]"))["v"]["unit"], "s")

    def test_sparse_matrices_stay_handles_unless_an_array_is_declared(self):
        matrix = scipy.sparse.csr_matrix(np.eye(2))
        self.assertEqual(self.wire(matrix)["$t"], "ref")
        self.assertEqual(tables.as_list(matrix).tolist(), [[1.0, 0.0], [0.0, 1.0]])

    def test_a_table_from_java_is_a_data_frame_of_the_same_dtypes(self):
        source = pd.DataFrame({
            "f": [1.5, float("nan")], "i": pd.array([1, None], dtype="Int64"),
            "b": pd.array([True, None], dtype="boolean"), "s": ["x", None],
            "t": pd.to_datetime(["2024-01-01", None]),
            "z": pd.to_datetime(["2024-01-01", None]).tz_localize("Europe/Berlin"),
            "d": pd.to_timedelta(["1s", None])})
        table = self.wire(source)
        request = request_frame({"id": 1, "op": "call", "args": [table]}, self.segments)
        frame = self.codec.decode(request)["args"][0]
        self.assertEqual(dict(frame.dtypes.astype(str)), dict(source.dtypes.astype(str)))
        pd.testing.assert_frame_equal(frame, source)

    def test_records_for_a_data_frame_parameter(self):
        table = self.wire(pd.DataFrame({"price": [1.0, 2.0], "name": ["a", "b"]}))
        table["$t"] = "rows"
        request = self.codec.decode(request_frame({"id": 1, "op": "call", "args": [table]},
                                                  self.segments))

        def total(frame: pd.DataFrame):
            return frame
        tables.bind_rows(total, request)
        self.assertEqual(request["args"][0]["price"].sum(), 3.0)
        convert = tables.frame_argument(pd.DataFrame)
        self.assertEqual(convert([{"a": 1}]).shape, (1, 1))
        with self.assertRaisesRegex(TypeError, "cannot become a pandas.DataFrame"):
            convert(3)


if __name__ == "__main__":
    unittest.main()
