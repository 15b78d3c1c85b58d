"""The worker's command line, read without argparse."""

import contextlib
import io
import unittest

import support  # noqa: F401  (puts the worker package on sys.path)
from esem_worker.main import parse_args


class ParseArgsTest(unittest.TestCase):

    def test_every_option_as_the_java_side_writes_it(self):
        options = parse_args(["--worker-id", "3", "--parent-pid", "4711", "--max-frame-bytes", "1024",
                              "--max-depth", "16", "--log-level", "WARN", "--temporary-home", "/t",
                              "--shm", "/dev/shm/x", "--shm-capacity", "4096",
                              "--path", "b", "--path", "a"])
        self.assertEqual(vars(options), {
            "worker_id": 3, "parent_pid": 4711, "max_frame_bytes": 1024, "max_depth": 16,
            "log_level": 30, "temporary_home": "/t", "shm": "/dev/shm/x", "shm_capacity": 4096,
            "path": ["b", "a"]})

    def test_defaults_and_the_equals_spelling(self):
        options = parse_args(["--worker-id=7", "--path=/p=q"])
        self.assertEqual((options.worker_id, options.path, options.parent_pid, options.log_level,
                          options.max_frame_bytes, options.max_depth, options.shm, options.shm_capacity,
                          options.temporary_home),
                         (7, ["/p=q"], 0, 20, 64 * 1024 * 1024, 256, None, 0, None))

    def test_an_unknown_option_a_missing_or_bad_value_exit_with_status_2_and_say_why(self):
        for argv, said in ((["--workers", "2"], "unrecognized argument --workers"),
                           (["--max-depth"], "argument --max-depth: expected one argument"),
                           (["--max-depth", "deep"], "argument --max-depth: invalid value 'deep'"),
                           (["--log-level", "LOUD"], "argument --log-level: invalid value 'LOUD'")):
            stderr = io.StringIO()
            with self.assertRaises(SystemExit) as ended, contextlib.redirect_stderr(stderr):
                parse_args(argv)
            self.assertEqual(ended.exception.code, 2, argv)
            self.assertIn(said, stderr.getvalue())


if __name__ == "__main__":
    unittest.main()
