import unittest

import support  # noqa: F401 (puts the worker package on the path)
from esem_worker.batching import run_batch


class RunBatchTest(unittest.TestCase):

    def test_results_come_back_one_per_item_in_order(self):
        reply = run_batch(lambda items: [x * 2 for x in items], "m.double", [1, 2, 3])
        self.assertEqual(reply, {"items": [2, 4, 6], "errors": []})

    def test_an_exception_instance_fails_its_item_alone(self):
        def score(items):
            return [ValueError("bad row %d" % x) if x < 0 else x for x in items]
        reply = run_batch(score, "m.score", [1, -2, 3])
        self.assertEqual(reply["items"], [1, None, 3])
        [[index, kind, message, trace]] = reply["errors"]
        self.assertEqual((index, kind, message), (1, "ValueError", "bad row -2"))
        self.assertIn("ValueError: bad row -2", trace)

    def test_a_wrong_length_names_the_function_the_size_and_what_came_back(self):
        with self.assertRaises(ValueError) as raised:
            run_batch(lambda items: items[:-1], "m.short", [1, 2, 3])
        message = str(raised.exception)
        self.assertIn("m.short", message)
        self.assertIn("batch of 3 items", message)
        self.assertIn("list [1, 2] of 2", message)

    def test_a_non_sequence_fails_the_batch(self):
        for result in (None, 7, "abc", {"a": 1}):
            with self.assertRaises(TypeError) as raised:
                run_batch(lambda items, r=result: r, "m.odd", [1, 2])
            self.assertIn("m.odd got a batch of 2 items and returned %s" % type(result).__name__,
                          str(raised.exception))

    def test_a_raise_propagates(self):
        def broken(items):
            raise KeyError("model")
        with self.assertRaises(KeyError):
            run_batch(broken, "m.broken", [1])

    def test_an_awaitable_is_refused(self):
        async def later(items):
            return items
        with self.assertRaises(TypeError) as raised:
            run_batch(later, "m.later", [1])
        self.assertIn("plain functions", str(raised.exception))

    def test_tuples_and_generators_of_results(self):
        self.assertEqual(run_batch(tuple, "m.t", [1, 2])["items"], [1, 2])
        with self.assertRaises(TypeError):
            run_batch(lambda items: (x for x in items), "m.g", [1, 2])

    def test_a_one_dimensional_ndarray_gives_plain_numbers(self):
        import numpy
        reply = run_batch(lambda items: numpy.asarray(items) * 0.5, "m.half", [2, 4])
        self.assertEqual(reply["items"], [1.0, 2.0])
        self.assertIs(type(reply["items"][0]), float)
        rows = run_batch(lambda batch: batch * 2, "m.rows", numpy.ones((2, 3)))["items"]
        self.assertEqual([row.tolist() for row in rows], [[2.0, 2.0, 2.0], [2.0, 2.0, 2.0]])


if __name__ == "__main__":
    unittest.main()
