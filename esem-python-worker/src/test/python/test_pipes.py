"""The worker widens its request pipe where the system allows it, and tells how large
the pipe is (or that it cannot)."""

import os
import sys
import tempfile
import unittest

import support  # noqa: F401  (puts the worker package on sys.path)
from esem_worker import pipes


@unittest.skipUnless(sys.platform.startswith("linux"), "F_SETPIPE_SZ is Linux's")
class WidenTest(unittest.TestCase):

    def pipe(self):
        read, write = os.pipe()
        self.addCleanup(os.close, read)
        self.addCleanup(os.close, write)
        return read

    def test_a_pipe_is_widened_and_its_capacity_told(self):
        import fcntl
        fd = self.pipe()
        self.assertEqual(pipes.widen(fd), pipes.WANTED_BYTES)
        self.assertEqual(fcntl.fcntl(fd, fcntl.F_GETPIPE_SZ), pipes.WANTED_BYTES)

    def test_what_is_no_pipe_has_no_capacity(self):
        with tempfile.TemporaryFile() as file:
            self.assertIsNone(pipes.widen(file.fileno()))


if __name__ == "__main__":
    unittest.main()
