"""The small-array path: what the worker's own steps give equals what numpy and the
general encoder give."""

import asyncio
import types
import unittest

import numpy as np

import support  # noqa: F401  (puts the worker package on sys.path)
from esem_worker import arrays, server
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
