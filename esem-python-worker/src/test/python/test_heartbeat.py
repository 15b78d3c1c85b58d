import threading
import time
import unittest

import support  # noqa: F401  (puts the worker package on sys.path)
from esem_worker.heartbeat import TICK, start_heartbeat


class Recorder:
    def __init__(self):
        self.frames = []
        self.lock = threading.Lock()

    def send(self, frame):
        with self.lock:
            self.frames.append(frame)

    def count(self):
        with self.lock:
            return len(self.frames)


class FakeServer:
    current_request = None


class HeartbeatTest(unittest.TestCase):

    def test_ticks_only_while_one_request_runs_long(self):
        server, writer = FakeServer(), Recorder()
        start_heartbeat(server, writer, interval=0.01)
        time.sleep(0.1)
        self.assertEqual(writer.count(), 0, "no ticks while idle")
        server.current_request = 1  # one long request
        support.wait_until(lambda: writer.count() >= 3, message="ticks during a long request")
        self.assertEqual(set(writer.frames), {TICK})
        server.current_request = None
        time.sleep(0.05)
        settled = writer.count()
        time.sleep(0.1)
        self.assertEqual(writer.count(), settled, "no ticks once the request ended")


if __name__ == "__main__":
    unittest.main()
