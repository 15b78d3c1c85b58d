"""Children that user code forks (``os.fork``, ``multiprocessing`` with the fork start
method) stay off the protocol channel.

A forked child starts as a copy of the worker: the protocol descriptors, the frame
writer, the serve loop that it returns into if the forking function returns. Right
after the fork, in the child: the descriptors are closed, the writer drops every
frame, log records go to stderr, and the serve loop ends after the request the child
is in, without a reply; the worker's entry point then ends the child (``leave``).
A ``sys.exit()`` in such a request ends the child with its code, as it would end any
forked Python process. Threads (the interrupter, the watchdog) do not survive a fork.
"""

import os
import sys

__all__ = ["keep_children_off_channel", "in_forked_child", "leave"]

_worker_pid = None
_off_channel = False  # set in a forked child, and so inherited by its own children


def keep_children_off_channel(proto_in, writer, logs, server):
    """Registers what every child forked from now on does right after the fork."""
    global _worker_pid
    _worker_pid = os.getpid()

    def after_in_child():
        global _off_channel
        if _off_channel:
            return  # a child of a child: its parent let go already
        _off_channel = True
        writer.abandon()
        try:
            os.close(proto_in)
        except OSError:
            pass
        logs.to_stderr()
        server.forked()

    os.register_at_fork(after_in_child=after_in_child)


def in_forked_child():
    return _worker_pid is not None and os.getpid() != _worker_pid


def leave():
    """Ends a forked child that returned into the worker's own code."""
    try:
        sys.stderr.write("esem worker: forked child %d returned into the worker's request "
                         "loop and exits; end forked children with os._exit()\n" % os.getpid())
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        os._exit(0)
