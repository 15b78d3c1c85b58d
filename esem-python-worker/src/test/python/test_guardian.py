"""Nothing a real worker starts outlives it, even when it is killed or busy in C."""

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import unittest

from support import FIXTURES, TIMEOUT, WorkerProcess, worker_zip, gone, wait_until, \
    worker_command

# Within the 5 s that the bridge promises, with room for a busy test machine.
_SOON = 5.0


def kill_quietly(*pids):
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except (ProcessLookupError, TypeError):
            pass


def in_c_call(pid):
    """Waits until worker ``pid``, which wrote its marker, is surely in its long C call:
    until it has used a fifth of a second of CPU since (Linux; elsewhere it returns at
    once). Between the marker and the call the worker's watchdog thread could still run,
    and on a loaded machine it did, ending the worker itself before the guardian had to."""
    def cpu_ticks():
        try:
            with open("/proc/%d/stat" % pid) as stat:
                fields = stat.read().rpartition(")")[2].split()
        except OSError:
            return None
        return int(fields[11]) + int(fields[12])  # utime + stime
    start = cpu_ticks()
    if start is not None:
        ticks = os.sysconf("SC_CLK_TCK")
        wait_until(lambda: (cpu_ticks() or 0) - start >= ticks // 5, message="the C call to run")


@unittest.skipUnless(os.name == "posix", "process groups are POSIX")
class GuardianTest(unittest.TestCase):

    def start_worker(self, *args):
        worker = WorkerProcess(worker_zip(), "--path", FIXTURES, *args)
        self.addCleanup(worker.kill)
        return worker

    def marker(self):
        directory = tempfile.mkdtemp(prefix="esem-guardian-test-")
        self.addCleanup(shutil.rmtree, directory, ignore_errors=True)
        return os.path.join(directory, "busy")

    def test_the_worker_leads_its_own_session_and_group(self):
        worker = self.start_worker()
        pid = worker.hello["pid"]  # on Linux, a child of the process started (its reaper)
        self.assertEqual(worker.ok("getsid", 0, mod="os"), pid)
        self.assertEqual(worker.ok("getpgid", 0, mod="os"), pid)

    def test_close_ends_the_processes_the_worker_started(self):
        worker = self.start_worker()
        sleeper = worker.ok("start_sleeper", mod="hostile")
        self.addCleanup(kill_quietly, sleeper)
        worker.proc.stdin.close()  # how the Java side closes a worker
        self.assertEqual(worker.proc.wait(TIMEOUT), 0)
        wait_until(lambda: gone(sleeper), _SOON, "the sleeper to end")

    def test_killing_the_worker_ends_its_group(self):
        worker = self.start_worker()
        sleeper = worker.ok("start_sleeper", mod="hostile")
        self.addCleanup(kill_quietly, sleeper)
        worker.proc.kill()
        wait_until(lambda: gone(sleeper), _SOON, "the sleeper to end")

    def test_a_busy_worker_ends_when_its_named_parent_is_gone(self):
        # The Java process is not the worker's own parent (a wrapper in between): the
        # guardian watches it and kills the worker, whose watchdog thread cannot run.
        jvm = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
        self.addCleanup(lambda: (kill_quietly(jvm.pid), jvm.wait(TIMEOUT)))
        worker = self.start_worker("--parent-pid", str(jvm.pid))
        sleeper = worker.ok("start_sleeper", mod="hostile")
        self.addCleanup(kill_quietly, sleeper)
        marker = self.marker()
        worker.send("call", mod="hostile", fn="busy_in_c", args=[marker])
        wait_until(lambda: os.path.exists(marker), message="the C call to start")
        in_c_call(worker.hello["pid"])
        jvm.kill()
        jvm.wait(TIMEOUT)
        self.assertEqual(worker.proc.wait(_SOON), -signal.SIGKILL)
        wait_until(lambda: gone(sleeper), _SOON, "the sleeper to end")

    @unittest.skipUnless(sys.platform.startswith("linux"), "PR_SET_CHILD_SUBREAPER is Linux only")
    def test_the_temporary_home_goes_once_the_named_parent_is_gone(self):
        # A JVM that had to unpack its own copy of the worker package names it; killed,
        # it cannot remove it, so the worker's reaper does.
        jvm = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
        self.addCleanup(lambda: (kill_quietly(jvm.pid), jvm.wait(TIMEOUT)))
        home = tempfile.mkdtemp(prefix="esem-guardian-home-")
        self.addCleanup(shutil.rmtree, home, ignore_errors=True)
        with open(os.path.join(home, "left.txt"), "w") as left:
            left.write("unpacked")
        worker = self.start_worker("--parent-pid", str(jvm.pid), "--temporary-home", home)
        self.assertEqual(worker.ok("getpid", mod="os"), worker.hello["pid"])
        self.assertTrue(os.path.isdir(home))
        jvm.kill()
        jvm.wait(TIMEOUT)
        wait_until(lambda: not os.path.exists(home), _SOON, "the temporary home to be removed")

    @unittest.skipUnless(sys.platform.startswith("linux"), "PR_SET_PDEATHSIG is Linux only")
    def test_a_worker_busy_in_c_dies_with_its_parent(self):
        # A launcher starts the worker with itself as parent, the worker enters a long
        # C call, the launcher is killed: the kernel ends the worker at once.
        launcher = ("import os,subprocess,sys,time;"
                    "subprocess.Popen(sys.argv[1:]+['--parent-pid',str(os.getpid())]);"
                    "time.sleep(60)")
        proc = subprocess.Popen(
            [sys.executable, "-c", launcher] + worker_command(worker_zip(), "--path", FIXTURES),
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        worker_pid = None
        try:
            worker_pid = json.loads(proc.stdout.readline())["pid"]
            marker = self.marker()
            proc.stdin.write(json.dumps({"id": 1, "op": "call", "mod": "hostile",
                                         "fn": "busy_in_c", "args": [marker]}).encode() + b"\n")
            proc.stdin.flush()
            wait_until(lambda: os.path.exists(marker), message="the C call to start")
            proc.kill()
            proc.wait(TIMEOUT)
            wait_until(lambda: gone(worker_pid), _SOON, "the busy worker to end")
            worker_pid = None
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait(TIMEOUT)
            kill_quietly(worker_pid)
            proc.stdin.close()
            proc.stdout.close()


    @unittest.skipUnless(sys.platform.startswith("linux"), "PR_SET_CHILD_SUBREAPER is Linux only")
    def test_processes_that_leave_the_session_end_with_the_worker(self):
        worker = self.start_worker()
        escaped = worker.ok("escape", mod="escapes")
        self.addCleanup(kill_quietly, *escaped)
        self.assertEqual(len(escaped), 3)
        worker.proc.stdin.close()
        self.assertEqual(worker.proc.wait(TIMEOUT), 0)
        wait_until(lambda: all(gone(pid) for pid in escaped), _SOON, "the escaped processes to end")

    @unittest.skipUnless(sys.platform.startswith("linux"), "PR_SET_CHILD_SUBREAPER is Linux only")
    def test_a_killed_worker_exits_as_killed(self):
        worker = self.start_worker()
        os.kill(worker.hello["pid"], signal.SIGKILL)
        self.assertEqual(worker.proc.wait(TIMEOUT), -signal.SIGKILL)


if __name__ == "__main__":
    unittest.main()
