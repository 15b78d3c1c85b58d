"""User code that forks, starts processes, sits in C and floods stderr, as ML code does."""

import multiprocessing
import os
import subprocess
import sys
import time


def fork_and_return(value):
    """Forks; the child returns into the worker's request loop, as if nothing happened."""
    os.fork()
    return value


def fork_lingering_child():
    """Forks a child that leaves the worker's session and lingers; returns its pid."""
    pid = os.fork()
    if pid == 0:
        os.setsid()
        time.sleep(60)
        os._exit(0)
    return pid


def _square(n):
    return n * n


def pool_squares(n):
    with multiprocessing.get_context("fork").Pool(2) as pool:
        return pool.map(_square, range(n))


def start_sleeper():
    """Starts `sleep 1000` and leaves it running; returns its pid."""
    return subprocess.Popen(["sleep", "1000"]).pid


def start_daemon():
    """Starts `sleep 1000` through a shell that exits at once, so that the sleep is no
    longer the worker's descendant; returns its pid."""
    out = subprocess.run(["sh", "-c", "sleep 1000 >/dev/null 2>&1 & echo $!"],
                         capture_output=True, text=True, check=True).stdout
    return int(out)


def busy_in_c(marker):
    """Starts a sleeper, writes its pid to the marker file, then holds the GIL in one
    C call for half a minute."""
    sleeper = start_sleeper()
    with open(marker + ".tmp", "w") as out:
        out.write(str(sleeper))
    os.replace(marker + ".tmp", marker)
    return pow(3, 40_000_000).bit_length()


def flood_stderr(megabytes):
    """Writes one line of ``megabytes`` MiB to stderr."""
    chunk = "x" * (1 << 20)
    for _ in range(megabytes):
        sys.stderr.write(chunk)
    sys.stderr.write("\n")
    return megabytes


def say(text):
    print(text)
    return text
