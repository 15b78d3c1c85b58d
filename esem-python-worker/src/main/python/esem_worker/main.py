"""Worker entry point: takes the protocol channel private, then serves requests.

The Java side starts it as::

    python3 -I -u -c "import sys;sys.path.insert(0,sys.argv[1]);import esem_worker.main as m;
        m.main(sys.argv[2:])" esem_worker.zip --worker-id 1 --parent-pid 4711 ...
"""

import os
import sys
import threading
import types

from . import (codec, forks, framing, guardian, interrupts, loader, log_forwarding, pipes,
               registry, server, watchdog)

__all__ = ["main", "parse_args"]

# How long an ending worker waits for threads that user code left running.
_EXIT_GRACE_SECONDS = 2.0

# option: (attribute, type, default); a type of list: repeatable, the values in order.
# Read by hand: argparse, with the gettext and locale it loads for its messages, cost a
# tenth of the worker's start, for a command line that only the Java side writes.
_OPTIONS = {
    "--worker-id": ("worker_id", int, 0),
    "--parent-pid": ("parent_pid", int, 0),  # exit when this process is gone (0: do not watch)
    "--max-frame-bytes": ("max_frame_bytes", int, 64 * 1024 * 1024),
    "--max-depth": ("max_depth", int, 256),
    "--log-level": ("log_level", log_forwarding.parse_level, 20),  # INFO
    "--temporary-home": ("temporary_home", str, None),  # removed once the parent is gone
    "--shm": ("shm", str, None),  # a shared-memory file for large binary segments (shm.py)
    "--shm-capacity": ("shm_capacity", int, 0),  # the bytes of each direction's area in it
    "--path": ("path", list, None),  # a directory put first on sys.path, in order
}


def parse_args(argv):
    """The options of ``argv`` (``--name value`` or ``--name=value``); exits with status
    2 and a message on stderr, as argparse would, at an option it does not know or a
    value it cannot read."""
    options = types.SimpleNamespace(**{attribute: [] if kind is list else default
                                       for attribute, kind, default in _OPTIONS.values()})
    args = iter(argv)
    for arg in args:
        name, equals, value = arg.partition("=")
        if name not in _OPTIONS:
            _usage_error("unrecognized argument %s" % arg)
        attribute, kind, _ = _OPTIONS[name]
        if not equals:
            value = next(args, None)
            if value is None:
                _usage_error("argument %s: expected one argument" % name)
        if kind is list:
            getattr(options, attribute).append(value)
            continue
        try:
            setattr(options, attribute, kind(value))
        except ValueError as exc:
            _usage_error("argument %s: invalid value %r (%s)" % (name, value, exc))
    return options


def _usage_error(text):
    sys.stderr.write("esem_worker: error: %s\n" % text)
    sys.exit(2)


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
    # records, and each warning as one WARNING record on py.warnings, not stderr lines
    logs = log_forwarding.LogForwarding(options.log_level, writer, values)
    logs.install()
    watchdog.watch_parent(options.parent_pid)

    worker = server.Server(framing.FrameReader(proto_in, options.max_frame_bytes, shared), writer,
                           values, objects, loader.ModuleLoader(options.path), interrupter)
    values.functions = worker.callbacks.function
    forks.keep_children_off_channel(proto_in, writer, logs, worker)
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
