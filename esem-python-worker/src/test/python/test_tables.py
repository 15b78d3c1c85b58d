"""Tables and the data world: what needs no pandas runs here; the pandas, torch and scipy
cases (pandas_cases.py) run on the interpreter that has them."""

import array
import collections
import collections.abc
import os
import subprocess
import sys
import unittest

import support
from esem_worker import tables
from esem_worker.codec import Codec
from esem_worker.registry import Registry
from support import reply_parts, request_frame

# Debian's interpreter, with python3-pandas, python3-sklearn, python3-scipy and python3-torch
DATA_PYTHON = os.environ.get("ESEM_TEST_DATA_PYTHON", "/usr/bin/python3")
PACKAGES = "python3-pandas python3-sklearn python3-scipy python3-torch"


class Squares(collections.abc.Sequence):
    def __len__(self):
        return 3

    def __getitem__(self, i):
        if not 0 <= i < 3:
            raise IndexError(i)
        return i * i


class Settings(collections.abc.Mapping):
    def __getitem__(self, key):
        return {"a": 1}[key]

    def __iter__(self):
        return iter(["a"])

    def __len__(self):
        return 1


class DeclaredFormsTest(unittest.TestCase):

    def test_any_sequence_becomes_a_list_when_java_declares_one(self):
        self.assertEqual(tables.as_list(range(3)), [0, 1, 2])
        self.assertEqual(tables.as_list((1, 2)), [1, 2])
        self.assertEqual(tables.as_list(collections.deque("ab")), ["a", "b"])
        self.assertEqual(tables.as_list(Squares()), [0, 1, 4])
        self.assertEqual(tables.as_list(memoryview(array.array("d", [1.5]))), [1.5])
        self.assertEqual(tables.as_list(b"xy"), b"xy")  # bytes stay bytes
        self.assertIsNone(tables.as_list(None))
        self.assertEqual(tables.as_list(7), 7)  # not a sequence: left for Java to refuse

    def test_any_mapping_becomes_a_dict_when_java_declares_one(self):
        self.assertEqual(tables.as_map(Settings()), {"a": 1})
        self.assertEqual(tables.as_map(collections.OrderedDict(b=2)), {"b": 2})
        self.assertEqual(tables.as_map([1]), [1])

    def test_data_frame_hints_are_recognised_also_as_text(self):
        for hint in ("pd.DataFrame", "pandas.DataFrame", "DataFrame", "Optional[pd.DataFrame]"):
            self.assertTrue(tables._is_frame_hint(hint), hint)
        for hint in ("list", "Frame", list, int):
            self.assertFalse(tables._is_frame_hint(hint), hint)


class ColumnsFromJavaTest(unittest.TestCase):
    """Records that Java sends as columns, for a function without a DataFrame hint: the
    dicts JSON would have given (numpy decodes the columns)."""

    def setUp(self):
        self.codec = Codec(Registry(), max_depth=8, max_frame_bytes=1 << 20)

    def test_rows_without_a_data_frame_hint_become_dicts(self):
        names = "ab".encode() + "é".encode()
        offsets = array.array("q", [0, 1, 2, 2, 4]).tobytes()
        prices = array.array("d", [0.5, 1.5, 2.5, 3.5]).tobytes()
        counts = array.array("i", [1, 2, 3, 4]).tobytes()
        times = array.array("q", [0, 1_000_000_000, 0, 0]).tobytes()
        request = request_frame({"id": 1, "op": "call", "mod": "m", "fn": "f", "args": [{
            "$t": "rows", "rows": 4, "v": [
                {"name": "name", "kind": "str", "data": 0, "offsets": 1, "mask": 2},
                {"name": "price", "kind": "nd", "dtype": "float64", "data": 3},
                {"name": "count", "kind": "nd", "dtype": "int32", "data": 4, "mask": 5},
                {"name": "at", "kind": "dt", "unit": "ns", "data": 6, "mask": 7},
                {"name": "extra", "kind": "obj", "v": [None, [1], {"k": "v"}, "x"]}]}]},
            [names, offsets, b"\x00\x00\x01\x00", prices, counts, b"\x00\x01\x00\x00", times,
             b"\x00\x00\x01\x01"])
        decoded = self.codec.decode(request)
        self.assertTrue(self.codec.pending_rows)

        def f(rows):
            return rows
        tables.bind_rows(f, decoded)
        import datetime
        epoch = datetime.datetime(1970, 1, 1)
        self.assertEqual(decoded["args"][0], [
            {"name": "a", "price": 0.5, "count": 1, "at": epoch, "extra": None},
            {"name": "b", "price": 1.5, "count": None, "at": epoch + datetime.timedelta(seconds=1),
             "extra": [1]},
            {"name": None, "price": 2.5, "count": 3, "at": None, "extra": {"k": "v"}},
            {"name": "é", "price": 3.5, "count": 4, "at": None, "extra": "x"}])
        self.assertEqual([type(v) for v in decoded["args"][0][0].values()],
                         [str, float, int, datetime.datetime, type(None)])

    def test_a_column_naming_a_missing_segment_fails_the_request(self):
        request = request_frame({"id": 1, "op": "call", "args": [{
            "$t": "rows", "rows": 1, "v": [{"name": "x", "kind": "nd", "dtype": "float64",
                                            "data": 3}]}]}, [b"12345678"])
        decoded = self.codec.decode(request)
        with self.assertRaisesRegex(ValueError, "segment 3"):
            tables.bind_rows(None, decoded)


class WithPandasTest(unittest.TestCase):
    """Runs pandas_cases.py where pandas, torch, scikit-learn and scipy import: here, or
    on Debian's interpreter. Fails, naming the packages, when none has them."""

    def test_pandas_torch_scipy_cases(self):
        try:
            import pandas, torch, scipy, sklearn  # noqa: F401
        except ImportError:
            pass
        else:
            import pandas_cases
            result = unittest.TextTestRunner(verbosity=0).run(
                unittest.defaultTestLoader.loadTestsFromModule(pandas_cases))
            self.assertTrue(result.wasSuccessful())
            return
        check = subprocess.run([DATA_PYTHON, "-c", "import pandas, torch, scipy, sklearn"],
                               capture_output=True, text=True)
        if check.returncode != 0:
            self.fail("%s cannot import pandas, torch, scipy and sklearn: install Debian's %s "
                      "(apt-get install -y --no-install-recommends %s)\n%s"
                      % (DATA_PYTHON, PACKAGES, PACKAGES, check.stderr))
        run = subprocess.run([DATA_PYTHON, "-B", "-m", "unittest", "pandas_cases"],
                             cwd=support.HERE, capture_output=True, text=True)
        self.assertEqual(run.returncode, 0, run.stdout + run.stderr)


if __name__ == "__main__":
    unittest.main()
