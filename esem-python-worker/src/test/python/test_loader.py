import os
import sys
import unittest

import support
from esem_worker.loader import ModuleLoader, exports

EXPORTED = os.path.join(support.FIXTURES, "exported.py")
OTHER_SAMPLE = os.path.join(support.FIXTURES, "other", "sample.py")


class LoaderTest(unittest.TestCase):

    def setUp(self):
        self.saved_path = list(sys.path)
        self.saved_modules = dict(sys.modules)
        sys.path.insert(0, support.FIXTURES)
        self.loader = ModuleLoader()

    def tearDown(self):
        sys.path[:] = self.saved_path
        for name in set(sys.modules) - set(self.saved_modules):
            del sys.modules[name]

    def test_names_are_imported_and_cached_by_spec(self):
        module = self.loader.get("sample")
        self.assertIs(module, sys.modules["sample"])
        self.assertIs(self.loader.get("sample"), module)
        with self.assertRaises(ModuleNotFoundError):
            self.loader.get("no_such_module_here")

    def test_paths_load_under_their_stem(self):
        module = self.loader.get(EXPORTED)
        self.assertEqual(module.__name__, "exported")
        self.assertIs(sys.modules["exported"], module)
        # A dataclass needs its module in sys.modules while it is created.
        self.assertEqual(module.scale(module.Point(1, 2)), module.Point(2, 4))

    def test_relative_paths_resolve_against_the_working_directory(self):
        cwd = os.getcwd()
        os.chdir(support.FIXTURES)
        try:
            module = self.loader.get("other/sample.py")
        finally:
            os.chdir(cwd)
        self.assertEqual(module.WHICH, "other")

    def test_relative_paths_resolve_against_the_search_directories_in_order(self):
        loader = ModuleLoader([os.path.join(support.FIXTURES, "other"), support.FIXTURES])
        cwd = os.getcwd()
        os.chdir(os.path.dirname(support.FIXTURES))
        try:
            self.assertEqual(loader.get("sample.py").WHICH, "other")
            self.assertEqual(loader.get("exported.py").__name__, "exported")
        finally:
            os.chdir(cwd)

    def test_a_file_in_the_working_directory_does_not_shadow_the_search_directories(self):
        loader = ModuleLoader([os.path.join(support.FIXTURES, "other")])
        cwd = os.getcwd()
        os.chdir(support.FIXTURES)  # holds a sample.py of its own
        try:
            self.assertEqual(loader.get("sample.py").WHICH, "other")
            self.assertEqual(loader.get("./sample.py").__file__, os.path.join(support.FIXTURES, "sample.py"))
        finally:
            os.chdir(cwd)

    def test_a_missing_file_names_where_it_was_looked_for(self):
        other = os.path.join(support.FIXTURES, "other")
        loader = ModuleLoader([other])
        with self.assertRaises(ModuleNotFoundError) as raised:
            loader.get("missing_here.py")
        self.assertIn("'missing_here.py'", str(raised.exception))
        self.assertIn(other, str(raised.exception))
        self.assertIn("working directory " + os.getcwd(), str(raised.exception))

    def test_same_stem_other_file_gets_its_own_name(self):
        sample = self.loader.get("sample")
        other = self.loader.get(OTHER_SAMPLE)
        self.assertEqual(other.__name__, "sample_2")
        self.assertIs(sys.modules["sample"], sample)
        # The file behind an already imported module is that module.
        self.assertIs(self.loader.get(sample.__file__), sample)

    def test_failed_file_module_is_not_left_behind(self):
        with self.assertRaises(ModuleNotFoundError):
            self.loader.get(os.path.join(support.FIXTURES, "missing.py"))
        self.assertNotIn("missing", sys.modules)

    def test_exports_without_all(self):
        described = {e["name"]: e for e in exports(self.loader.get("sample"))}
        self.assertNotIn("_private", described)
        self.assertEqual(described["add"], {"name": "add", "kind": "function",
                                            "doc": "Adds two numbers.", "signature": "(a, b)"})
        self.assertEqual(described["greet"]["signature"], "(name, greeting='Hello')")
        self.assertEqual(described["Calculator"], {
            "name": "Calculator", "kind": "class", "doc": "Keeps a running total.",
            "signature": "(start=0)", "methods": ["add", "total"]})
        self.assertEqual(described["sys"]["kind"], "module")

    def test_exports_follow_all(self):
        described = exports(self.loader.get(EXPORTED))
        self.assertEqual([e["name"] for e in described], ["Point", "scale", "LIMIT", "json"])
        self.assertEqual(described[0]["methods"], ["norm1"])
        self.assertEqual(described[1]["doc"], "Scales a point.")
        self.assertEqual(described[2], {"name": "LIMIT", "kind": "value"})


if __name__ == "__main__":
    unittest.main()
