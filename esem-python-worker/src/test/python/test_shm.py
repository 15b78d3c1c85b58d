import os
import struct
import tempfile
import threading
import unittest

import support  # noqa: F401  (puts the worker package on sys.path)
from esem_worker.framing import FrameReader, FrameWriter
from esem_worker.shm import HEADER, THRESHOLD, SharedSegments

CAPACITY = 1 << 20


class SharedSegmentsTest(unittest.TestCase):
    """The worker's side of the shared area; the test plays the Java side on the file."""

    def setUp(self):
        directory = tempfile.mkdtemp()
        self.path = os.path.join(directory, "esem-shm-test")
        with open(self.path, "wb") as f:
            f.truncate(HEADER + 2 * CAPACITY)
        self.java = open(self.path, "r+b")  # Java's view of the file, kept past the unlink
        self.addCleanup(self.java.close)
        self.addCleanup(os.rmdir, directory)
        self.shared = SharedSegments.open(self.path, CAPACITY)
        self.read_fd, self.write_fd = os.pipe()
        self.addCleanup(os.close, self.read_fd)
        self.addCleanup(os.close, self.write_fd)

    def java_puts(self, data):
        self.java.seek(HEADER)
        self.java.write(data)
        self.java.flush()

    def header(self, at):
        self.java.seek(at)
        return struct.unpack("<q", self.java.read(8))[0]

    def test_opening_unlinks_the_name(self):
        self.assertIsNotNone(self.shared)
        self.assertFalse(os.path.exists(self.path))

    def test_a_missing_file_leaves_the_pipe(self):
        self.assertIsNone(SharedSegments.open(self.path + "-missing", CAPACITY))

    def test_shared_segments_are_copied_out_and_marked_consumed(self):
        reader = FrameReader(self.read_fd, 1 << 24, self.shared)
        big = os.urandom(THRESHOLD)
        self.java_puts(big)
        os.write(self.write_fd, b'{"id":1,"$b":[-%d,3],"op":"x"}\nabc' % len(big))
        frame = reader.read_frame()
        self.assertEqual([bytes(s) for s in frame.segments], [big, b"abc"])
        self.assertEqual(self.header(0), 1)
        # Java reuses the area for the next frame: what the first one handed out stays
        self.java_puts(b"\0" * len(big))
        os.write(self.write_fd, b'{"id":2,"$b":[-%d],"op":"x"}\n' % len(big))
        second = reader.poll_frame() or reader.read_frame()
        self.assertEqual(bytes(frame.segments[0]), big)
        self.assertEqual(bytes(second.segments[0]), b"\0" * len(big))
        self.assertEqual(self.header(0), 2)

    def test_an_oversize_frame_frees_the_area(self):
        reader = FrameReader(self.read_fd, 100, self.shared)
        os.write(self.write_fd, b'{"id":4,"$b":[-%d],"op":"x"}\n{"id":5}\n' % THRESHOLD)
        with self.assertRaises(Exception) as raised:
            reader.read_frame()
        self.assertEqual(raised.exception.id, 4)
        self.assertEqual(self.header(0), 1)
        self.assertEqual(reader.read_frame(), b'{"id":5}')

    def test_large_reply_segments_go_to_the_area_while_it_is_free(self):
        writer = FrameWriter(self.write_fd, self.shared)
        big = os.urandom(THRESHOLD + 1)
        writer.send([b'{"id":1,"$b":[3,%d],"ok":0}\n' % len(big), b"abc", big])
        self.assertEqual(os.read(self.read_fd, 1 << 16),
                         b'{"id":1,"$b":[3,-%d],"ok":0}\nabc' % len(big))
        self.java.seek(HEADER + CAPACITY)
        self.assertEqual(self.java.read(len(big)), big)
        # Java has not read it out yet: the next one takes the pipe
        thread = threading.Thread(target=writer.send,
                                  args=([b'{"id":2,"$b":[%d],"ok":0}\n' % len(big), big],))
        thread.start()
        piped = b""
        while len(piped) < len(big) + 30:
            piped += os.read(self.read_fd, 1 << 20)
        thread.join()
        self.assertEqual(piped, b'{"id":2,"$b":[%d],"ok":0}\n' % len(big) + big)
        self.java.seek(8)
        self.java.write(struct.pack("<q", 1))
        self.java.flush()
        writer.send([b'{"id":3,"$b":[%d],"ok":0}\n' % len(big), big])
        self.assertEqual(os.read(self.read_fd, 1 << 16), b'{"id":3,"$b":[-%d],"ok":0}\n' % len(big))

    def test_small_segments_stay_on_the_pipe(self):
        writer = FrameWriter(self.write_fd, self.shared)
        writer.send([b'{"id":1,"$b":[3],"ok":0}\n', b"abc"])
        self.assertEqual(os.read(self.read_fd, 1 << 16), b'{"id":1,"$b":[3],"ok":0}\nabc')

    def test_segments_larger_than_the_area_stay_on_the_pipe(self):
        writer = FrameWriter(self.write_fd, self.shared)
        big = b"x" * (CAPACITY + 1)
        thread = threading.Thread(target=writer.send, args=([b'{"id":1,"$b":[%d],"ok":0}\n' % len(big), big],))
        thread.start()
        data = b""
        while len(data) < len(big) + 20:
            data += os.read(self.read_fd, 1 << 20)
        thread.join()
        self.assertTrue(data.startswith(b'{"id":1,"$b":[%d],' % len(big)))


if __name__ == "__main__":
    unittest.main()
