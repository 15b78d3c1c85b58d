"""Worker entry point: takes the protocol channel private, then serves requests.

The Java side starts it as::

    python3 -I -u -c "import sys;sys.path.insert(0,sys.argv[1]);import esem_worker.main as m;
        m.main(sys.argv[2:])" esem_worker.zip --worker-id 1 --parent-pid 4711 ...
"""

import argparse
import logging
import os
import sys
import threading

from . import (codec, forks, framing, guardian, interrupts, loader, logs, registry, server,
               watchdog)
from . import pipes

__all__ = ["main", "parse_args"]

# How long an ending worker waits for threads that user code left running.
_EXIT_GRACE_SECONDS = 2.0


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="esem_worker", description="esem Python worker")
    parser.add_argument("--worker-id", type=int, default=0)
    parser.add_argument("--parent-pid", type=int, default=0,
                        help="exit when this process is gone (0: do not watch)")
    parser.add_argument("--max-frame-bytes", type=int, default=64 * 1024 * 1024)
    parser.add_argument("--max-depth", type=int, default=256)
    parser.add_argument("--log-level", type=logs.parse_level, default=logging.INFO)
    parser.add_argument("--temporary-home", default=None,
                        help="a directory to remove once the parent process is gone")
    parser.add_argument("--shm", default=None,
                        help="a shared-memory file for large binary segments (see shm.py)")
    parser.add_argument("--shm-capacity", type=int, default=0,
                        help="the bytes of each direction's area in the --shm file")
    parser.add_argument("--path", action="append", default=[],
                        help="a directory put first on sys.path (repeatable, in order)")
    return parser.parse_args(argv)


def main(argv=None):
    options = parse_args(sys.argv[1:] if argv is None else argv)
    guardian.contain(options.parent_pid, options.temporary_home)  # first: no thread or user code may exist yet
    proto_in, proto_out = _take_protocol_channel()
    _set_sys_path(options.path)
    if hasattr(sys, "set_int_max_str_digits"):
        sys.set_int_max_str_digits(0)  # ints of any size cross as JSON numbers
    # SIGINT interrupts a call past its timeout; any other SIGINT (where the worker
    # could not start its own session, as on Windows, Ctrl-C in a terminal reaches it)
    # is ignored: the Java side decides when a worker ends. A Python handler rather than
    # SIG_IGN, so child processes keep the default.
    interrupter = interrupts.Interrupter()

    shared = _open_shared(options)
    if shared is not None:
        interrupter.listen(shared.cancelled_since)  # a cancel reaches a running plain call
    writer = framing.FrameWriter(proto_out, shared)
    objects = registry.Registry()
    values = codec.Codec(objects, options.max_depth, options.max_frame_bytes)
    root = logging.getLogger()
    root.setLevel(options.log_level)
    log_handler = logs.ProtocolLogHandler(writer, values)
    root.addHandler(log_handler)
    logging.captureWarnings(True)  # each warning one WARNING record on py.warnings, not stderr lines
    watchdog.watch_parent(options.parent_pid)

    worker = server.Server(framing.FrameReader(proto_in, options.max_frame_bytes, shared), writer,
                           values, objects, loader.ModuleLoader(options.path), interrupter)
    values.functions = worker.callbacks.function
    forks.keep_children_off_channel(proto_in, writer, log_handler, worker)
    try:
        hello = {"ev": "hello", "pid": os.getpid(), "python": "%d.%d.%d" % sys.version_info[:3],
                 "worker": options.worker_id, "shm": shared is not None}
        pipe = pipes.widen(proto_in)
        if pipe is not None:
            hello["pipe"] = pipe  # how much the Java side may write unread
        writer.send(values.encode_event(hello))
        worker.serve()
        if forks.in_forked_child():
            forks.leave()
        writer.close()  # the Java side sees end of output at once
    except BrokenPipeError:
        pass  # the reading side is gone: nobody left to answer
    _exit_after(_EXIT_GRACE_SECONDS)


def _take_protocol_channel():
    """Keeps fd 0/1 as the private protocol pipes and gives user code harmless ones.

    Afterwards fd 1 (print, sys.stdout, os.write(1, ...), child processes) goes to
    stderr and fd 0 reads /dev/null, so user code sees end of input.
    """
    sys.stdout.flush()
    proto_in = os.dup(0)  # os.dup: not inherited by child processes
    proto_out = os.dup(1)
    os.dup2(2, 1)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    sys.stdout = open(1, "w", buffering=1, encoding="utf-8", errors="backslashreplace",
                      closefd=False)  # line-buffered: print() output shows up promptly
    sys.stdin = open(0, "r", encoding="utf-8", closefd=False)
    return proto_in, proto_out


def _open_shared(options):
    if not options.shm or options.shm_capacity <= 0:
        return None
    from . import shm  # imports mmap: only where a shared area is offered
    return shm.SharedSegments.open(options.shm, options.shm_capacity)


def _set_sys_path(paths):
    """``--path`` dirs first, in order; drops the worker's own zip and the cwd."""
    package_dir = os.path.dirname(os.path.abspath(codec.__file__))
    own_entry = os.path.dirname(package_dir)
    cwd = os.getcwd()

    def keep(entry):
        if entry in ("", "."):
            return False
        full = os.path.abspath(entry)
        return full != own_entry and full != cwd

    sys.path[:] = [os.path.abspath(p) for p in paths] + [e for e in sys.path if keep(e)]


def _exit_after(seconds):
    """Lets the interpreter end normally (atexit, flushes) but no later than
    ``seconds`` from now, even if user code left non-daemon threads running."""
    timer = threading.Timer(seconds, os._exit, args=(0,))
    timer.daemon = True
    timer.start()
