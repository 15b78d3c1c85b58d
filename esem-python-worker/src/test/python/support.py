"""Shared test helpers: where things are, the worker zip, and a worker process driver."""

import atexit
import itertools
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import zipfile

__all__ = ["MAIN_PYTHON", "FIXTURES", "BOOTSTRAP", "build_zip", "worker_zip", "worker_command",
           "WorkerProcess", "ServerThread", "gone", "wait_until", "reply_parts", "request_frame"]

HERE = os.path.dirname(os.path.abspath(__file__))
MAIN_PYTHON = os.path.normpath(os.path.join(HERE, "..", "..", "main", "python"))
FIXTURES = os.path.join(HERE, "fixtures")
# Exactly what the Java side runs with `python3 -I -u -c`.
BOOTSTRAP = ("import sys;sys.path.insert(0,sys.argv[1]);"
             "import esem_worker.main as m;m.main(sys.argv[2:])")
TIMEOUT = 10.0

if MAIN_PYTHON not in sys.path:
    sys.path.insert(0, MAIN_PYTHON)


def build_zip(directory):
    """Zips the esem_worker package as the build does; returns the zip's path."""
    target = os.path.join(directory, "esem_worker.zip")
    package = os.path.join(MAIN_PYTHON, "esem_worker")
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(os.listdir(package)):
            if name.endswith(".py"):
                archive.write(os.path.join(package, name), "esem_worker/" + name)
    return target


_zip = None


def worker_zip():
    """The worker zip of this test run: built on first use, removed when the run ends."""
    global _zip
    if _zip is None:
        directory = tempfile.mkdtemp(prefix="esem-worker-test-")
        atexit.register(shutil.rmtree, directory, ignore_errors=True)
        _zip = build_zip(directory)
    return _zip


def worker_command(zip_path, *args):
    return [sys.executable, "-I", "-u", "-c", BOOTSTRAP, zip_path] + list(args)


def reply_parts(reply):
    """An encoded reply (bytes, or a list of bytes and segments) as its JSON object and
    its binary segments (bytes)."""
    if type(reply) is list:
        return json.loads(reply[0]), [bytes(part) for part in reply[1:]]
    return json.loads(reply), []


def request_frame(request, segments=()):
    """A request as the frame reader hands it over: bytes, or a Frame with segments."""
    from esem_worker.framing import Frame
    data = json.dumps(request, separators=(",", ":")).encode()
    if not segments:
        return data
    frame = Frame(data)
    frame.segments = [bytearray(segment) for segment in segments]
    return frame


def gone(pid):
    """Whether process ``pid`` has ended (a zombie counts: it runs no more)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    try:
        with open("/proc/%d/stat" % pid) as stat:
            return stat.read().rpartition(")")[2].split()[0] == "Z"
    except OSError:
        return False


def wait_until(condition, timeout=TIMEOUT, message="condition"):
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for " + message)
        time.sleep(0.01)


class WorkerProcess:
    """Drives one worker over its pipes, like the Java side does."""

    def __init__(self, zip_path, *args, cwd=None):
        self.proc = subprocess.Popen(worker_command(zip_path, *args), cwd=cwd,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE)
        self._ids = itertools.count(1)
        self._cond = threading.Condition()
        self.replies = {}
        self.answered = set()
        self.duplicate_replies = []
        self.events = []
        self.stderr = []
        self.output_ended = False
        self._threads = [threading.Thread(target=self._read_stdout, daemon=True),
                         threading.Thread(target=self._read_stderr, daemon=True)]
        for thread in self._threads:
            thread.start()
        self.hello = self.wait_event(lambda e: e["ev"] == "hello")

    def _read_stdout(self):
        from esem_worker.framing import segment_lengths
        for line in iter(self.proc.stdout.readline, b""):
            frame = json.loads(line)
            lengths = segment_lengths(line)
            if lengths:
                frame["$segments"] = [self.proc.stdout.read(n) for n in lengths]
            with self._cond:
                if "id" in frame:
                    if frame["id"] in self.answered:
                        self.duplicate_replies.append(frame)
                    self.answered.add(frame["id"])
                    self.replies[frame["id"]] = frame
                else:
                    self.events.append(frame)
                self._cond.notify_all()
        with self._cond:
            self.output_ended = True
            self._cond.notify_all()

    def _read_stderr(self):
        for line in self.proc.stderr:
            with self._cond:
                self.stderr.append(line.decode("utf-8", "replace").rstrip("\n"))
                self._cond.notify_all()

    def _wait(self, find, what):
        with self._cond:
            found = self._cond.wait_for(find, TIMEOUT)
            if not found:
                raise AssertionError("timed out waiting for %s; stderr: %s"
                                     % (what, "\n".join(self.stderr)))
            return found

    def wait_event(self, predicate):
        return self._wait(lambda: next((e for e in self.events if predicate(e)), None), "event")

    def wait_stderr(self, text):
        return self._wait(lambda: any(text in line for line in self.stderr), repr(text))

    def reply(self, rid):
        return self._wait(lambda: self.replies.pop(rid, None), "reply %d" % rid)

    def next_id(self):
        return next(self._ids)

    def send_raw(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, op, **members):
        rid = self.next_id()
        frame = dict(id=rid, op=op, **members)
        self.send_raw(json.dumps(frame).encode() + b"\n")
        return rid

    def send_with_segments(self, op, segments, **members):
        """Sends a request followed by binary segments, as the Java side writes it."""
        rid = self.next_id()
        frame = {"id": rid, "$b": [len(segment) for segment in segments], "op": op}
        frame.update(members)
        self.send_raw(json.dumps(frame, separators=(",", ":")).encode() + b"\n" + b"".join(segments))
        return rid

    def request(self, op, **members):
        return self.reply(self.send(op, **members))

    def call(self, fn, *args, mod="sample", **kw):
        members = {"mod": mod, "fn": fn, "args": list(args)}
        if kw:
            members["kw"] = kw
        return self.request("call", **members)

    def ok(self, fn, *args, **kw):
        reply = self.call(fn, *args, **kw)
        if "ok" not in reply:
            raise AssertionError("call %s failed: %s" % (fn, reply["err"]))
        return reply["ok"]

    def close(self):
        """Ends input and waits for the worker; returns its exit status."""
        try:
            self.proc.stdin.close()
        except BrokenPipeError:
            pass
        status = self.proc.wait(TIMEOUT)
        self._release_pipes()
        return status

    def kill(self):
        """Ends the worker whatever its state (for clean-ups)."""
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(TIMEOUT)
        self._release_pipes()

    def _release_pipes(self):
        for thread in self._threads:
            thread.join(TIMEOUT)
        for pipe in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            try:
                pipe.close()
            except BrokenPipeError:
                pass


class ServerThread:
    """A worker's server in this process, serving on a thread of its own, fed through
    pipes: requests go to the fd ``requests``, replies come from the fd ``replies``.
    ``writer`` makes the server's frame writer from its output fd (a test's writer notes
    what is written); ``modules`` is its module loader. Ended with the test."""

    def __init__(self, test, writer, modules, max_frame=1 << 20):
        from esem_worker import codec, framing, interrupts, registry, server
        test.addCleanup(signal.signal, signal.SIGINT, signal.getsignal(signal.SIGINT))
        requests_in, self.requests = os.pipe()
        self.replies, replies_out = os.pipe()
        test.addCleanup(os.close, self.replies)
        objects = registry.Registry()
        values = codec.Codec(objects, 64, max_frame)
        self.writer = writer(replies_out)
        worker = server.Server(framing.FrameReader(requests_in, max_frame), self.writer, values, objects,
                               modules, interrupts.Interrupter())
        values.functions = worker.callbacks.function
        self._input_open = True
        self._thread = threading.Thread(target=self._serve, args=(worker, requests_in, replies_out),
                                        daemon=True)
        self._thread.start()
        test.addCleanup(self._end)

    @staticmethod
    def _serve(worker, requests_in, replies_out):
        try:
            worker.serve()
        finally:
            os.close(requests_in)
            os.close(replies_out)

    def end_input(self):
        if self._input_open:
            self._input_open = False
            os.close(self.requests)

    def _end(self):
        self.end_input()
        self._thread.join(TIMEOUT)


class SharedWorkerTest(unittest.TestCase):
    """Tests that share one worker, started for their class in a working directory of its
    own (``cls.cwd``), which must exit cleanly once they have run."""

    @classmethod
    def shared_worker(cls, cwd):
        """The class's worker, started in ``cwd``."""
        raise NotImplementedError

    @classmethod
    def setUpClass(cls):
        cls.cwd = tempfile.mkdtemp(prefix="esem-worker-cwd-")
        cls.worker = cls.shared_worker(cls.cwd)

    @classmethod
    def tearDownClass(cls):
        try:
            assert cls.worker.close() == 0
        finally:
            cls.worker.kill()
            shutil.rmtree(cls.cwd, ignore_errors=True)
