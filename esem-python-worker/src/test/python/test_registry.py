import re
import unittest

import support  # noqa: F401  (puts the worker package on sys.path)
from esem_worker.registry import Registry, UnknownRefError

REF_ID = re.compile(r"^py_obj_(\d+)_([a-z0-9]{8})$")


class RegistryTest(unittest.TestCase):

    def test_ids_count_up_with_one_random_token_per_registry(self):
        registry = Registry()
        first, second = registry.put(object()), registry.put(object())
        (n1, token1), (n2, token2) = (REF_ID.match(r).groups() for r in (first, second))
        self.assertEqual((int(n1), int(n2)), (1, 2))
        self.assertEqual(token1, token2)
        self.assertNotEqual(REF_ID.match(Registry().put(1)).group(2), token1)

    def test_get_returns_the_very_object(self):
        registry = Registry()
        obj = object()
        self.assertIs(registry.get(registry.put(obj)), obj)

    def test_released_ids_fail_and_are_never_reused(self):
        registry = Registry()
        ref = registry.put("a")
        registry.release([ref, ref, "py_obj_77_unknown"])
        self.assertEqual(registry.size(), 0)
        with self.assertRaises(KeyError) as raised:
            registry.get(ref)
        self.assertIsInstance(raised.exception, UnknownRefError)
        self.assertEqual(str(raised.exception),
                         "unknown or released Python object reference " + ref)
        self.assertNotEqual(registry.put("b"), ref)

    def test_ids_of_another_registry_do_not_resolve(self):
        with self.assertRaises(UnknownRefError):
            Registry().get(Registry().put(1))

    def test_rollback_drops_what_was_put_since_the_checkpoint(self):
        registry = Registry()
        kept = registry.put("kept")
        mark = registry.checkpoint()
        registry.put("dropped")
        registry.put("dropped too")
        registry.rollback(mark)
        self.assertEqual(registry.size(), 1)
        self.assertEqual(registry.get(kept), "kept")

    def test_an_object_put_again_keeps_its_id_and_lives_until_its_last_hold_is_released(self):
        registry = Registry()
        model = object()
        ref = registry.put(model)
        self.assertEqual([registry.put(model) for _ in range(3)], [ref] * 3)
        self.assertEqual(registry.size(), 1)
        registry.release([ref, ref, ref])
        self.assertIs(registry.get(ref), model)
        registry.release([ref])
        self.assertEqual(registry.size(), 0)
        with self.assertRaises(UnknownRefError):
            registry.get(ref)

    def test_a_released_object_put_again_gets_a_new_id(self):
        registry = Registry()
        model = object()
        first = registry.put(model)
        registry.release([first])
        second = registry.put(model)
        self.assertNotEqual(second, first)
        self.assertIs(registry.get(second), model)
        registry.release([first])  # the old id is gone: the new one keeps its hold
        self.assertIs(registry.get(second), model)

    def test_equal_objects_are_told_apart_by_identity(self):
        registry = Registry()
        a, b = [1], [1]
        self.assertNotEqual(registry.put(a), registry.put(b))
        self.assertEqual(registry.size(), 2)

    def test_rollback_drops_the_holds_put_since_the_checkpoint_on_older_objects(self):
        registry = Registry()
        model = object()
        ref = registry.put(model)
        mark = registry.checkpoint()
        registry.put(model)
        fresh = object()
        fresh_ref = registry.put(fresh)
        registry.put(fresh)
        registry.rollback(mark)
        self.assertEqual(registry.size(), 1)
        self.assertIs(registry.get(ref), model)
        self.assertRaises(KeyError, registry.get, fresh_ref)
        registry.release([ref])
        self.assertEqual(registry.size(), 0)
        self.assertNotEqual(registry.put(fresh), fresh_ref)


if __name__ == "__main__":
    unittest.main()
