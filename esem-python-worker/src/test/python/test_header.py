"""The frame header helpers of framing.py: pure functions over a frame's bytes."""

import json
import unittest

import support  # noqa: F401 (puts the worker package on sys.path)
from esem_worker.framing import (CALLBACK, ID, INT_REPLY, JSON_REPLY, SEGMENT_REPLY, FrameError,
                                 frame_too_large, is_frame_too_large, is_release, negate_segments,
                                 segment_lengths, with_segments)


class HeaderTest(unittest.TestCase):

    def test_a_release_is_told_by_its_second_member_alone(self):
        self.assertTrue(is_release(b'{"id":12345678901234567890,"op":"release","refs":["a"]}'))
        self.assertFalse(is_release(b'{"id":7,"op":"call","mod":"m","fn":"release","args":[]}'))
        self.assertFalse(is_release(b'{"id":7,"op":"call","args":[",\\"op\\":\\"release\\","]}'))

    def test_reply_templates_write_the_header_the_reader_reads(self):
        self.assertEqual(json.loads(INT_REPLY % (7, 42)), {"id": 7, "ok": 42})
        self.assertEqual(json.loads(JSON_REPLY % (7, '"text"')), {"id": 7, "ok": "text"})
        text = (SEGMENT_REPLY % (7, 800, '{"$t":"str","v":0}')).encode()
        self.assertEqual(segment_lengths(text), [800])
        self.assertEqual(json.loads(text)["ok"], {"$t": "str", "v": 0})

    def test_the_segment_table_goes_right_after_the_head(self):
        frame = with_segments({CALLBACK: 3, "fn": "fn_1", "args": [0, 1]}, [b"ab", bytearray(5)])
        self.assertEqual(list(frame), ["cb", "$b", "fn", "args"])
        self.assertEqual(frame["$b"], [2, 5])
        text = json.dumps(with_segments({ID: 4, "ok": 1}, [b"xyz"]), separators=(",", ":")).encode()
        self.assertEqual(segment_lengths(text), [3])

    def test_negated_segments_are_those_of_the_shared_area(self):
        text = b'{"id":9,"$b":[300000,5,200000],"ok":[]}'
        self.assertEqual(segment_lengths(negate_segments(text, [0, 2])), [-300000, 5, -200000])

    def test_a_frame_over_the_limit_says_so_each_way(self):
        request = frame_too_large("request", 2 << 20, 1 << 20, 17)
        self.assertIsInstance(request, FrameError)
        self.assertEqual(request.id, 17)
        self.assertEqual(str(request), "request frame of 2.00 MiB (2097152 bytes) exceeds the max "
                                       "frame size of 1.00 MiB (1048576 bytes)")
        reply = frame_too_large("reply", 2 << 20, 1 << 20)
        self.assertIs(type(reply), ValueError)
        self.assertTrue(is_frame_too_large(request) and is_frame_too_large(reply))
        self.assertFalse(is_frame_too_large(ValueError("other")))


if __name__ == "__main__":
    unittest.main()
