"""The small-array path: what the worker's own steps give equals what numpy and the
general encoder give."""

import asyncio
import json
import types
import unittest

import numpy as np

import support  # noqa: F401  (puts the worker package on sys.path)
from esem_worker import arrays, server
from esem_worker import codec as codec_module
from esem_worker.codec import Codec
from esem_worker.registry import Registry
from support import reply_parts

_DTYPES = sorted(arrays.DTYPES)
_SHAPES = ([1, 16], [16], [], [0, 16], [3, 0, 2], [2, 3, 4], [1, 16])  # [1, 16] twice: kept layouts


class ArrayFromJavaTest(unittest.TestCase):

    def test_an_array_from_java_equals_numpys_own_reading_of_its_bytes(self):
        for dtype in _DTYPES:
            for shape in _SHAPES:
                with self.subTest(dtype=dtype, shape=shape):
                    wire = np.dtype(dtype).newbyteorder("<")
                    size = int(np.prod(shape)) if shape else 1
                    data = bytearray(np.arange(size).astype(wire).tobytes())
                    array = arrays.to_numpy(dtype, list(shape), data)
                    expected = np.frombuffer(bytearray(data), dtype=wire).reshape(shape)
                    self.assertEqual(array.shape, expected.shape)
                    self.assertEqual(array.dtype, expected.dtype)
                    self.assertTrue(np.array_equal(array, expected))
                    self.assertTrue(array.flags.writeable and array.flags.c_contiguous)
                    self.assertIs(array.base, data)  # the array keeps the buffer alive

    def test_dimensions_that_are_not_counts_are_refused(self):
        for shape in ([True, 16], [1.0, 16], [-1, 16], [[1], 16], "16", None):
            with self.subTest(shape=shape), self.assertRaisesRegex(ValueError, "bad NDArray shape"):
                arrays.to_numpy("float32", shape, bytearray(64))


class ArrayReplyTest(unittest.TestCase):

    def test_an_ndarray_result_names_the_shape_and_bytes_the_general_encoder_names(self):
        codec = Codec(Registry(), max_depth=16, max_frame_bytes=1 << 24)
        for shape in ((1, 4), (4,), (2, 3, 4), (1, 4), (0, 4)):
            with self.subTest(shape=shape):
                value = np.arange(int(np.prod(shape)), dtype=np.float32).reshape(shape)
                fast, fast_segments = reply_parts(codec.encode_ok(1, value))
                general, general_segments = reply_parts(codec.encode_ok(1, {"x": value}))
                self.assertEqual(fast["ok"]["shape"], list(shape))
                self.assertEqual(fast["ok"]["shape"], general["ok"]["x"]["shape"])
                self.assertEqual(fast["ok"]["dtype"], general["ok"]["x"]["dtype"])
                self.assertEqual(fast_segments, general_segments)


class SmallArrayReplyTest(unittest.TestCase):
    """A small array result's reply is formatted from a text kept per type, dtype and
    shape, with a copy of its data; the bytes on the wire equal the general path's."""

    def setUp(self):
        self.codec = Codec(Registry(), max_depth=16, max_frame_bytes=1 << 24)

    def wire(self, rid, value):
        reply = self.codec.encode_ok(rid, value)
        return b"".join(map(bytes, reply)) if type(reply) is list else reply

    def general(self, rid, value):
        """The reply as the general encoder writes an array: inside a list, taken out."""
        frame, segments = reply_parts(self.codec.encode_ok(rid, [value]))
        frame["ok"] = frame["ok"][0]
        return frame, segments

    def test_every_dtype_and_layout_replies_as_the_general_encoder_does(self):
        base = np.arange(48)
        values = []
        for dtype in _DTYPES:
            values += [base[:4].astype(dtype).reshape(1, 4), base[:16].astype(dtype),
                       base.astype(dtype).reshape(2, 3, 8)]
        values += [base.astype(">f4").reshape(6, 8),  # not native: converted, not kept
                   base.astype(np.float32).reshape(6, 8)[:, ::2],  # strided: copied to C order
                   np.asfortranarray(base.astype(np.float64).reshape(6, 8)),
                   base.astype(np.float32).reshape(48, 1)[:4],
                   np.zeros((0, 4), np.float32),
                   np.ma.masked_array(base[:4].astype(np.float32), mask=[0, 1, 0, 0]),  # a ref
                   np.arange(1024, dtype=np.float32),  # 4,096 bytes: the most a small one has
                   np.arange(1025, dtype=np.float32)]  # one more: lent, not copied
        for value in values:
            for rid in (7, 12345678901):  # the first encodes and may keep; the second may use it
                with self.subTest(dtype=value.dtype.str, shape=value.shape, rid=rid,
                                  contiguous=value.flags.c_contiguous):
                    if type(value) is not np.ndarray:
                        self.assertEqual(reply_parts(self.codec.encode_ok(rid, value))[0]["ok"]["$t"], "ref")
                        continue
                    frame, segments = reply_parts(self.codec.encode_ok(rid, value))
                    self.assertEqual((frame, segments), self.general(rid, value))
                    self.assertEqual(segments, [np.ascontiguousarray(value).astype(
                        value.dtype.newbyteorder("<")).tobytes()])
                    self.assertEqual(self.wire(rid, value), b"".join(
                        [json.dumps(frame, separators=(",", ":")).encode(), b"\n"] + segments))

    def test_only_plain_native_arrays_of_a_few_kib_are_kept(self):
        kept = codec_module._SMALL_ARRAY_REPLIES
        kept.clear()
        small = np.ones((1, 4), np.float32)
        self.codec.encode_ok(1, small)
        self.assertEqual(list(kept), [(np.ndarray, small.dtype, (1, 4))])
        for other in (np.ones(1025, np.float32), np.ones((1, 4), ">f4"), np.zeros((0, 4), np.float32),
                      np.ma.masked_array(np.ones((1, 4), np.float32)), np.matrix(np.ones((1, 4), np.float32))):
            self.codec.encode_ok(1, other)
        self.assertEqual(len(kept), 1)
        # a strided view of a kept shape uses the kept text, with its data in C order
        strided = np.arange(8, dtype=np.float32).reshape(1, 8)[:, ::2]
        self.assertEqual(strided.shape, (1, 4))
        self.assertEqual(reply_parts(self.codec.encode_ok(2, strided)),
                         ({"id": 2, "$b": [16], "ok": {"$t": "nd", "v": 0, "dtype": "float32", "shape": [1, 4]}},
                          [np.array([[0, 2, 4, 6]], np.float32).tobytes()]))

    def test_a_small_array_over_the_frame_limit_is_refused_as_before(self):
        codec = Codec(Registry(), max_depth=16, max_frame_bytes=100)
        value = np.ones(16, np.float32)  # 64 bytes of data
        for _ in range(2):
            with self.assertRaisesRegex(ValueError, "exceeds the max frame size"):
                codec.encode_ok(1, value)


class AwaitableResultTest(unittest.TestCase):

    def test_a_type_found_not_awaitable_is_remembered_and_awaitables_are_still_found(self):
        class Plain:
            pass

        self.assertFalse(server._is_awaitable(Plain()))
        self.assertIn(Plain, server._NOT_AWAITABLE)

        async def coroutine():
            return 1

        pending = coroutine()
        self.assertTrue(server._is_awaitable(pending))
        pending.close()

        def generator():
            yield 1

        self.assertFalse(server._is_awaitable(generator()))
        self.assertNotIn(types.GeneratorType, server._NOT_AWAITABLE)  # the code flags decide
        old_style = types.coroutine(generator)()
        self.assertTrue(server._is_awaitable(old_style))
        old_style.close()
        future = asyncio.new_event_loop()
        try:
            self.assertTrue(server._is_awaitable(future.create_future()))
        finally:
            future.close()


if __name__ == "__main__":
    unittest.main()
