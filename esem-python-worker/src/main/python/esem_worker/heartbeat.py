"""Sends ``tick`` events while a request runs long.

A Java thread that waits for its own reply reads the worker's output itself, in a
blocking read. If its call ends meanwhile for another reason (a timeout that does
not replace the worker) or the thread is interrupted, it notices only when a frame
arrives: a tick every ``interval`` seconds while one request runs bounds that wait.
"""

import threading
import time

__all__ = ["TICK", "start_heartbeat"]

TICK = b'{"ev":"tick"}\n'


def start_heartbeat(server, writer, interval=0.1):
    """Starts the daemon thread that ticks while ``server`` runs one request for
    longer than ``interval`` seconds. Returns the thread."""
    thread = threading.Thread(target=_beat, args=(server, writer, interval),
                              name="esem-heartbeat", daemon=True)
    thread.start()
    return thread


def _beat(server, writer, interval):
    last = None
    while True:
        time.sleep(interval)
        current = server.current_request
        if current is not None and current == last:
            writer.send(TICK)
        last = current
