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
        self.java = open(self.path, "r+b", buffering=0)  # Java's view of the file, kept past the unlink
        self.addCleanup(self.java.close)
        self.addCleanup(os.rmdir, directory)
        self.shared = SharedSegments.open(self.path, CAPACITY)
        self.java_placed = 0
        self.read_fd, self.write_fd = os.pipe()
        self.addCleanup(os.close, self.read_fd)
        self.addCleanup(os.close, self.write_fd)

    def java_puts(self, data, at=HEADER):
        """Java's place(): the data at ``at``, described with its number in a free slot
        (the last one, to show that any will do)."""
        self.java.seek(at)
        self.java.write(data)
        slot = 1024 + 32 * 63
        self.assertEqual(self.header(slot + 8), 0)
        self.java.seek(slot)
        self.java.write(struct.pack("<qqq", at, len(data), self.java_placed))
        self.java_placed += 1
        return slot

    def header(self, at):
        self.java.seek(at)
        return struct.unpack("<q", self.java.read(8))[0]

    def java_reads(self, count):
        self.java.seek(8)
        self.java.write(struct.pack("<q", count))
        self.java.flush()

    def test_opening_unlinks_the_name(self):
        self.assertIsNotNone(self.shared)
        self.assertFalse(os.path.exists(self.path))

    def test_the_cancel_slots_give_the_ids_cancelled_since_the_last_look(self):
        self.assertEqual(self.shared.cancelled_since(0), (0, ()))
        for n in range(20):  # Java: the id into slot n % 16, then the count
            self.java.seek(24 + 8 * (n % 16))
            self.java.write(struct.pack("<q", 100 + n))
            self.java.seek(16)
            self.java.write(struct.pack("<q", n + 1))
            self.java.flush()
            if n == 1:
                self.assertEqual(self.shared.cancelled_since(0), (2, [100, 101]))
                self.assertEqual(self.shared.cancelled_since(2), (2, ()))
        self.assertEqual(self.shared.cancelled_since(2), (20, list(range(104, 120))))

    def test_a_missing_file_leaves_the_pipe(self):
        self.assertIsNone(SharedSegments.open(self.path + "-missing", CAPACITY))

    def test_shared_segments_are_read_in_place_and_freed_once_nothing_refers_to_them(self):
        reader = FrameReader(self.read_fd, 1 << 24, self.shared)
        big = os.urandom(THRESHOLD)
        slot = self.java_puts(big)
        os.write(self.write_fd, b'{"id":1,"$b":[-%d,3],"op":"x"}\nabc' % len(big))
        frame = reader.read_frame()
        self.assertEqual([bytes(s) for s in frame.segments], [big, b"abc"])
        self.assertEqual(self.header(0), 1)
        kept = frame.segments[0][10:20]  # a part of it, kept past the frame
        self.java.seek(HEADER + 10)
        self.java.write(b"x" * 10)  # only to show that it is the file's memory, not a copy
        self.java.flush()
        self.assertEqual(bytes(kept), b"x" * 10)
        del frame
        self.assertEqual(self.header(slot + 8), len(big))  # held while a part of it lives
        del kept
        self.assertEqual(self.header(slot + 8), 0)  # freed: Java may reuse it

    def test_a_forked_child_dropping_its_copy_frees_nothing(self):
        reader = FrameReader(self.read_fd, 1 << 24, self.shared)
        slot = self.java_puts(b"v" * THRESHOLD)
        os.write(self.write_fd, b'{"id":1,"$b":[-%d],"op":"x"}\n' % THRESHOLD)
        frame = reader.read_frame()
        pid = os.fork()
        if pid == 0:
            del frame
            os._exit(0 if self.header(slot + 8) == THRESHOLD else 1)
        self.assertEqual(os.waitpid(pid, 0)[1], 0)
        self.assertEqual(self.header(slot + 8), THRESHOLD)  # the worker's own still holds it
        del frame
        self.assertEqual(self.header(slot + 8), 0)

    def test_what_a_forked_child_writes_into_its_copy_stays_its_own(self):
        reader = FrameReader(self.read_fd, 1 << 24, self.shared)
        self.java_puts(b"u" * THRESHOLD)
        os.write(self.write_fd, b'{"id":1,"$b":[-%d],"op":"x"}\n' % THRESHOLD)
        segment = reader.read_frame().segments[0]
        pid = os.fork()
        if pid == 0:
            segment[:4] = b"kid!"
            os._exit(0 if bytes(segment[:5]) == b"kid!u" else 1)
        self.assertEqual(os.waitpid(pid, 0)[1], 0)
        self.assertEqual(bytes(segment[:5]), b"uuuuu")
        self.java.seek(HEADER)
        self.assertEqual(self.java.read(5), b"uuuuu")

    def test_a_segment_that_the_header_does_not_describe_is_refused(self):
        reader = FrameReader(self.read_fd, 1 << 24, self.shared)
        self.java_puts(b"y" * THRESHOLD)
        os.write(self.write_fd, b'{"id":3,"$b":[-%d],"op":"x"}\n' % (THRESHOLD + 64))
        with self.assertRaises(Exception) as raised:
            reader.read_frame()
        self.assertEqual(raised.exception.id, 3)

    def test_an_oversize_frame_frees_its_regions(self):
        reader = FrameReader(self.read_fd, 100, self.shared)
        slot = self.java_puts(b"z" * THRESHOLD)
        os.write(self.write_fd, b'{"id":4,"$b":[-%d],"op":"x"}\n{"id":5}\n' % THRESHOLD)
        with self.assertRaises(Exception) as raised:
            reader.read_frame()
        self.assertEqual(raised.exception.id, 4)
        self.assertEqual(self.header(0), 1)
        self.assertEqual(self.header(slot + 8), 0)
        self.assertEqual(reader.read_frame(), b'{"id":5}')

    def test_large_reply_segments_go_to_the_area_while_java_has_read_it(self):
        writer = FrameWriter(self.write_fd, self.shared)
        big = os.urandom(THRESHOLD + 1)
        writer.send([b'{"id":1,"$b":[3,%d],"ok":0}\n' % len(big), b"abc", big])
        self.assertEqual(os.read(self.read_fd, 1 << 16),
                         b'{"id":1,"$b":[3,-%d],"ok":0}\nabc' % len(big))
        self.assertEqual(self.header(3072), HEADER + CAPACITY)  # the ring says where
        self.assertEqual(self.header(3080), len(big))
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
        self.java_reads(1)
        writer.send([b'{"id":3,"$b":[%d],"ok":0}\n' % len(big), big])
        self.assertEqual(os.read(self.read_fd, 1 << 16), b'{"id":3,"$b":[-%d],"ok":0}\n' % len(big))
        self.assertEqual(self.header(3072 + 16), HEADER + CAPACITY)

    def test_a_reply_segment_that_lies_in_javas_area_is_sent_where_it_lies_and_awaited(self):
        reader = FrameReader(self.read_fd, 1 << 24, self.shared)
        at = HEADER + 4096
        self.java_puts(b"w" * (THRESHOLD + 64), at)
        os.write(self.write_fd, b'{"id":1,"$b":[-%d],"op":"x"}\n' % (THRESHOLD + 64))
        received = reader.read_frame().segments[0]
        writer = FrameWriter(self.write_fd, self.shared)
        sent = threading.Event()
        thread = threading.Thread(target=lambda: (writer.send(
            [b'{"id":1,"$b":[%d],"ok":0}\n' % THRESHOLD, received[64:]]), sent.set()))
        thread.start()
        self.assertEqual(os.read(self.read_fd, 1 << 16), b'{"id":1,"$b":[-%d],"ok":0}\n' % THRESHOLD)
        self.assertEqual(self.header(3072), at + 64)  # no copy: where it lies in Java's area
        self.assertFalse(sent.wait(0.2))  # the worker goes on only once Java has read it
        self.java_reads(1)
        self.assertTrue(sent.wait(10))
        thread.join()

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
