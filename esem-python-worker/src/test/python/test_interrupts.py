import signal
import threading
import time
import unittest

import support  # noqa: F401  (puts the worker package on sys.path)
from esem_worker.interrupts import CallCancelled, Interrupter


class Cancels:
    """Plays the shared-memory cancel slots: the ids Java cancelled, and how often the
    interrupter looked at them."""

    def __init__(self):
        self.ids = []
        self.looks = 0
        self.lock = threading.Lock()

    def cancel(self, rid):
        with self.lock:
            self.ids.append(rid)

    def __call__(self, seen):
        with self.lock:
            self.looks += 1
            return len(self.ids), list(self.ids[seen:])

    def await_looks(self, more):
        until = self.looks + more
        while self.looks < until:
            time.sleep(0.005)


class InterrupterTest(unittest.TestCase):
    """The interrupter in this process: its thread signals this (the main) thread."""

    def setUp(self):
        self.addCleanup(signal.signal, signal.SIGINT, signal.getsignal(signal.SIGINT))
        self.interrupter = Interrupter()
        self.cancels = Cancels()
        self.interrupter.listen(self.cancels)

    def test_a_running_call_that_is_cancelled_is_interrupted(self):
        outer = self.interrupter.begin(5, None)
        threading.Timer(0.05, self.cancels.cancel, (5,)).start()
        try:
            with self.assertRaises(CallCancelled):
                time.sleep(60)  # a blocking system call ends too
        finally:
            self.interrupter.end(outer)

    def test_a_cancel_of_an_outer_call_waits_until_the_nested_one_ends(self):
        outer = self.interrupter.begin(5, None)
        try:
            with self.assertRaises(CallCancelled):
                nested = self.interrupter.begin(6, None)
                try:
                    self.cancels.cancel(5)
                    self.cancels.await_looks(3)  # the watcher saw it, and let call 6 be
                finally:
                    self.interrupter.end(nested)
                time.sleep(60)  # back in call 5
        finally:
            self.interrupter.end(outer)

    def test_a_shielded_call_is_interrupted_only_when_the_shield_comes_down(self):
        begun = self.interrupter.begin(5, None)
        try:
            exposed = self.interrupter.shield()
            self.cancels.cancel(5)
            while not self.interrupter.has_pending():  # the signal came, and was held
                time.sleep(0.005)
            with self.assertRaises(CallCancelled):
                self.interrupter.unshield(exposed)
        finally:
            self.interrupter.end(begun)

    def test_a_cancel_of_another_call_interrupts_nothing(self):
        outer = self.interrupter.begin(5, None)
        try:
            self.cancels.cancel(4)
            self.cancels.await_looks(3)
        finally:
            self.interrupter.end(outer)

    def test_a_call_cancelled_before_it_is_read_is_skipped_once(self):
        self.cancels.cancel(7)
        self.assertFalse(self.interrupter.was_cancelled(8))
        self.assertTrue(self.interrupter.was_cancelled(7))
        self.assertFalse(self.interrupter.was_cancelled(7))

    def test_without_cancel_slots_nothing_is_cancelled(self):
        self.addCleanup(signal.signal, signal.SIGINT, signal.getsignal(signal.SIGINT))
        self.assertFalse(Interrupter().was_cancelled(1))


if __name__ == "__main__":
    unittest.main()
