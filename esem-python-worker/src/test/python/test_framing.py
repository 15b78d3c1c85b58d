import os
import threading
import unittest
import unittest.mock

import support  # noqa: F401  (puts the worker package on sys.path)
from esem_worker import framing
from esem_worker.framing import (Frame, FrameError, FrameReader, FrameWriter, frame_id,
                                 segment_lengths)


class PipeTestCase(unittest.TestCase):

    def setUp(self):
        self.read_fd, self.write_fd = os.pipe()
        self.addCleanup(self._close)

    def _close(self):
        for fd in (self.read_fd, self.write_fd):
            if fd is not None:
                os.close(fd)

    def feed(self, data):
        """Writes ``data`` from another thread (it may exceed the pipe's buffer)."""
        thread = threading.Thread(target=os.write, args=(self.write_fd, data))
        thread.start()
        self.addCleanup(thread.join)

    def end_input(self):
        os.close(self.write_fd)
        self.write_fd = None


class FrameReaderTest(PipeTestCase):

    def test_frames_split_across_writes(self):
        reader = FrameReader(self.read_fd, 100)
        os.write(self.write_fd, b'{"id":1}\n{"id"')
        self.assertEqual(reader.read_frame(), b'{"id":1}')
        os.write(self.write_fd, b':2}\n{"id":3}\n')
        self.assertEqual(reader.read_frame(), b'{"id":2}')
        self.assertEqual(reader.read_frame(), b'{"id":3}')
        self.end_input()
        self.assertIsNone(reader.read_frame())
        self.assertIsNone(reader.read_frame())

    def test_many_frames_in_large_reads(self):
        frames = [b'{"id":%d,"pad":"%s"}' % (n, b"p" * (n % 97)) for n in range(5000)]
        self.feed(b"\n".join(frames) + b"\n")
        reader = FrameReader(self.read_fd, 1000)
        self.assertEqual([reader.read_frame() for _ in frames], frames)

    def test_frame_at_the_limit_is_accepted_and_one_byte_more_is_not(self):
        reader = FrameReader(self.read_fd, 10)
        os.write(self.write_fd, b"0123456789\n{\"id\":7,xy}\n")
        self.assertEqual(reader.read_frame(), b"0123456789")
        with self.assertRaises(FrameError) as raised:
            reader.read_frame()
        self.assertEqual(raised.exception.id, 7)

    def test_oversized_frame_is_skipped_and_reported_with_its_id(self):
        big = b'{"id":42,"op":"call","args":["' + b"x" * 300000 + b'"]}\n'
        self.feed(big + b'{"id":43}\n')
        reader = FrameReader(self.read_fd, 1000)
        with self.assertRaises(FrameError) as raised:
            reader.read_frame()
        self.assertEqual(raised.exception.id, 42)
        self.assertIn("exceeds the max frame size of 0.00 MiB (1000 bytes)", str(raised.exception))
        self.assertIn("(%d bytes)" % (len(big) - 1), str(raised.exception))
        self.assertEqual(reader.read_frame(), b'{"id":43}')

    def test_oversized_frame_without_id(self):
        os.write(self.write_fd, b"x" * 50 + b"\n" + b"ok\n")
        reader = FrameReader(self.read_fd, 20)
        with self.assertRaises(FrameError) as raised:
            reader.read_frame()
        self.assertIsNone(raised.exception.id)
        self.assertEqual(reader.read_frame(), b"ok")

    def test_cut_final_frame_is_an_error_then_end(self):
        os.write(self.write_fd, b'{"id":5,"op":"pi')
        self.end_input()
        reader = FrameReader(self.read_fd, 100)
        with self.assertRaisesRegex(FrameError, "input ended inside a frame") as raised:
            reader.read_frame()
        self.assertEqual(raised.exception.id, 5)
        self.assertIsNone(reader.read_frame())

    def test_binary_segments_follow_their_frame(self):
        big = bytes(range(256)) * 4096  # 1 MiB: read straight into its own buffer
        frame = b'{"id":9,"$b":[3,%d,0],"ok":1}' % len(big)
        self.feed(frame + b"\n" + b"abc" + big + b'{"id":10}\n')
        reader = FrameReader(self.read_fd, 2 << 20)
        read = reader.read_frame()
        self.assertIs(type(read), Frame)
        self.assertEqual(read, frame)
        self.assertEqual(read.segments, [b"abc", big, b""])
        self.assertIs(type(read.segments[1]), bytearray)
        self.assertEqual(reader.read_frame(), b'{"id":10}')

    def test_a_frame_read_whole_with_its_segments_equals_the_same_frame_read_in_pieces(self):
        # One read that brings exactly one frame and all its segments (a small array's
        # call) takes a shorter path; the frames, segments and errors are the same.
        cases = [
            b'{"id":1,"$b":[64],"op":"call"}\n' + bytes(range(64)),
            b'{"id":2,"$b":[3,0,5],"op":"call"}\nabc12345',
            b'{"id":3,"$b":[],"op":"call"}\n',
            b'{"id":4,"$b":[4],"op":"call"}\nabcd{"id":5}\n',  # a next frame in the same read
            b'{"id":6,"$b":[10],"op":"call"}\nabcd',  # input ends inside the segment
            b'{"id":7,"$b":[-1],"op":"call"}\n',  # shared: refused, no shared area
            b'{"id":8,"$b":[1,x],"op":"call"}\nab',  # a bad table
            b'{"id":9,"$b":[100],"op":"call"}\n' + b"s" * 100,  # over the limit of 120
        ]
        for data in cases:
            with self.subTest(data=data[:32]):
                whole = _frames(data, 120)
                # after another frame in the same read, the frame is read from the buffer
                buffered = _frames(b'{"id":0}\n' + data, 120)
                self.assertEqual(buffered[0], b'{"id":0}')
                self.assertEqual(whole, buffered[1:])
        self.assertEqual(_frames(cases[0], 120),
                         [(b'{"id":1,"$b":[64],"op":"call"}', [bytes(range(64))], {bytearray}), None])
        self.assertEqual(_frames(cases[1], 120),
                         [(b'{"id":2,"$b":[3,0,5],"op":"call"}', [b"abc", b"", b"12345"], {bytearray}), None])

    def test_polled_frames_wait_for_all_their_segments(self):
        reader = FrameReader(self.read_fd, 100)
        os.write(self.write_fd, b'{"id":1,"$b":[4]}\nab')
        reader.fill_once()
        self.assertIsNone(reader.poll_frame())
        os.write(self.write_fd, b'cd{"id":2}\n')
        reader.fill_once()
        first = reader.poll_frame()
        self.assertEqual((first, first.segments), (b'{"id":1,"$b":[4]}', [b"abcd"]))
        self.assertEqual(reader.poll_frame(), b'{"id":2}')

    def test_segments_count_towards_the_limit_and_are_skipped_with_their_frame(self):
        for polled in (False, True):
            with self.subTest(polled=polled):
                read_fd, write_fd = os.pipe()
                self.addCleanup(os.close, read_fd)
                reader = FrameReader(read_fd, 1000)
                data = b'{"id":5,"$b":[990],"op":"call"}\n' + b"s" * 990 + b'{"id":6}\n'
                writer = threading.Thread(target=_write_and_close, args=(write_fd, data))
                writer.start()
                self.addCleanup(writer.join)
                next_frame = (lambda: _poll(reader)) if polled else reader.read_frame
                with self.assertRaises(FrameError) as raised:
                    next_frame()
                self.assertEqual(raised.exception.id, 5)
                self.assertIn("frame of 0.00 MiB (1021 bytes) exceeds", str(raised.exception))
                self.assertEqual(next_frame(), b'{"id":6}')

    def test_input_ending_inside_segments_is_an_error(self):
        os.write(self.write_fd, b'{"id":3,"$b":[10]}\n12345')
        self.end_input()
        reader = FrameReader(self.read_fd, 100)
        with self.assertRaisesRegex(FrameError, "inside the binary segments") as raised:
            reader.read_frame()
        self.assertEqual(raised.exception.id, 3)

    def test_segment_tables(self):
        self.assertEqual(segment_lengths(b'{"id":12,"$b":[1,22,333],"op":"call"}'), [1, 22, 333])
        self.assertIsNone(segment_lengths(b'{"id":12,"op":"call","args":[1,2]}'))
        self.assertIsNone(segment_lengths(b'{"id":12,"ok":{"$b":[1]}}'))
        with self.assertRaisesRegex(FrameError, "bad table") as raised:
            segment_lengths(b'{"id":4,"$b":[1,x],"op":"call"}')
        self.assertEqual(raised.exception.id, 4)
        # a negative length: a segment in the shared area
        self.assertEqual(segment_lengths(b'{"id":4,"$b":[-1,2],"op":"call"}'), [-1, 2])

    def test_shared_segments_without_a_shared_area_are_an_error(self):
        reader = FrameReader(self.read_fd, 100)
        os.write(self.write_fd, b'{"id":6,"$b":[-1],"op":"x"}\n{"id":7}\n')
        with self.assertRaisesRegex(FrameError, "no shared area") as raised:
            reader.read_frame()
        self.assertEqual(raised.exception.id, 6)
        self.assertEqual(reader.read_frame(), b'{"id":7}')

    def test_frame_id(self):
        self.assertEqual(frame_id(b'{"id":123,"op":'), 123)
        self.assertEqual(frame_id(b' { "id" : -4 }'), -4)
        self.assertIsNone(frame_id(b'{"op":"ping","id":1}'))
        self.assertIsNone(frame_id(b"garbage"))


def _frames(data, limit):
    """What a reader with ``limit`` reads from ``data``, written at once and then input
    closed: per frame, its bytes, and its segments and their type; or the FrameError's
    id and message; None at the end."""
    read_fd, write_fd = os.pipe()
    try:
        _write_and_close(write_fd, data)
        reader = FrameReader(read_fd, limit)
        results = []
        while True:
            try:
                frame = reader.read_frame()
            except FrameError as error:
                results.append((error.id, str(error)))
                continue
            segments = getattr(frame, "segments", None)
            results.append(frame if segments is None else
                           (bytes(frame), [bytes(s) for s in segments], {type(s) for s in segments}))
            if frame is None:
                return results
    finally:
        os.close(read_fd)


def _write_and_close(fd, data):
    os.write(fd, data)
    os.close(fd)


def _poll(reader):
    """The next frame, polled as the event loop does: read when none is buffered."""
    while True:
        frame = reader.poll_frame()
        if frame is not None:
            return frame
        if not reader.fill_once():
            return None


class WatchingTest(PipeTestCase):
    """What the serve loops ask the reader before they read: whether input is there,
    and what the next frame read already is."""

    def test_watch_says_whether_input_came_without_reading_it(self):
        reader = FrameReader(self.read_fd, 100)
        self.assertFalse(reader.watch())
        os.write(self.write_fd, b'{"id":1}\n')
        self.assertTrue(reader.watch())
        self.assertFalse(reader.has_buffered())
        self.assertEqual(reader.read_frame(), b'{"id":1}')

    def test_watching_gives_the_processor_away_between_looks(self):
        # the thread that writes what a watch waits for may share its processor: a watch
        # that kept it would hold that thread off for its whole time (see _yield)
        reader = FrameReader(self.read_fd, 100)
        yields = []

        def yield_to_the_writer():
            yields.append(1)
            if len(yields) == 3:
                os.write(self.write_fd, b'{"id":1}\n')

        # a long watch: a machine that stalls this thread cannot end it before the third yield
        with unittest.mock.patch.object(framing, "_yield", yield_to_the_writer), \
                unittest.mock.patch.object(framing, "_POLL_SECONDS", 60.0):
            self.assertTrue(reader.watch())
            self.assertEqual(len(yields), 3)
            self.assertEqual(reader.read_frame(), b'{"id":1}')
            del yields[:]
            # a read with nothing buffered watches the same way before it blocks
            self.assertEqual(reader.read_frame(), b'{"id":1}')
            self.assertEqual(len(yields), 3)

    def test_a_call_line_is_a_whole_line_read_already_that_is_no_release(self):
        reader = FrameReader(self.read_fd, 1000)
        os.write(self.write_fd, b'{"id":1,"op":"call"}\n{"id":2,"op":"call","fn":"f"}\n'
                                b'{"id":3,"op":"release","refs":["py_obj_1_x"],"noreply":true}\n{"id":4,')
        self.assertEqual(reader.read_frame(), b'{"id":1,"op":"call"}')
        self.assertTrue(reader.has_call_line())
        reader.read_frame()
        self.assertTrue(reader.has_line())
        self.assertFalse(reader.has_call_line(), "the next line is a release")
        reader.read_frame()
        self.assertFalse(reader.has_call_line(), "the next line is not read whole")


class FrameWriterTest(PipeTestCase):

    def read_all(self):
        chunks = []
        while True:
            chunk = os.read(self.read_fd, 1 << 16)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)

    def test_sent_frames_are_written_at_once(self):
        writer = FrameWriter(self.write_fd)
        writer.send(b"a\n")
        writer.send(b"b\n")
        self.assertEqual(os.read(self.read_fd, 10), b"a\nb\n")

    def test_large_writes_complete_and_close_ends_output(self):
        writer = FrameWriter(self.write_fd)
        payload = b"y" * (3 << 20) + b"\n"
        result = []
        reader = threading.Thread(target=lambda: result.append(self.read_all()))
        reader.start()
        writer.send(payload)
        writer.close()
        self.write_fd = None  # closed by the writer
        writer.send(b"dropped after close\n")
        reader.join(support.TIMEOUT)
        self.assertEqual(result, [payload])

    def test_a_frame_and_its_segments_go_out_together_without_copies(self):
        writer = FrameWriter(self.write_fd)
        result = []
        reader = threading.Thread(target=lambda: result.append(self.read_all()))
        reader.start()
        big = memoryview(bytearray(b"q" * (5 << 20)))
        writer.send([b'{"id":1,"$b":[2,5242880]}\n', b"ab", big])
        writer.send([b'{"id":2,"$b":%s}\n' % str([1] * 2000).replace(" ", "").encode()]
                    + [b"%d" % (i % 10) for i in range(2000)])
        writer.close()
        self.write_fd = None  # closed by the writer
        reader.join(support.TIMEOUT)
        first = b'{"id":1,"$b":[2,5242880]}\nab' + b"q" * (5 << 20)
        self.assertEqual(result[0][:len(first)], first)
        self.assertTrue(result[0].endswith(b"".join(b"%d" % (i % 10) for i in range(2000))))

    def test_a_small_frame_with_segments_is_written_as_the_same_bytes(self):
        # Text and segments of at most a few KiB are joined into one write; on the wire
        # they are the same bytes as the vectored write of larger frames.
        writer = FrameWriter(self.write_fd)
        parts = [b'{"id":1,"$b":[2,0,3]}\n', b"ab", bytearray(), memoryview(b"xyz")]
        writer.send(parts)
        self.assertEqual(os.read(self.read_fd, 1 << 16), b'{"id":1,"$b":[2,0,3]}\nabxyz')
        near = [b'{"id":2,"$b":[4060]}\n', memoryview(bytearray(b"n" * 4060))]  # 4,081 bytes
        writer.send(near)
        self.assertEqual(os.read(self.read_fd, 1 << 16), b"".join(near))
        over = [b'{"id":3,"$b":[4096]}\n', memoryview(bytearray(b"o" * 4096))]
        writer.send(over)
        self.assertEqual(os.read(self.read_fd, 1 << 16), b"".join(over))

    def test_frames_from_many_threads_never_interleave(self):
        writer = FrameWriter(self.write_fd)
        result = []
        reader = threading.Thread(target=lambda: result.append(self.read_all()))
        reader.start()

        def send(n):
            for i in range(200):
                writer.send((b"%d:" % n) + b"z" * (i * 50) + b"\n")

        threads = [threading.Thread(target=send, args=(n,)) for n in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        writer.close()
        self.write_fd = None  # closed by the writer
        reader.join(support.TIMEOUT)
        lines = result[0].split(b"\n")[:-1]
        self.assertEqual(len(lines), 800)
        for line in lines:
            head, _, body = line.partition(b":")
            self.assertEqual(body, b"z" * len(body))


if __name__ == "__main__":
    unittest.main()
