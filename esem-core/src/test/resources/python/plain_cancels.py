"""Fixture module for cancelling plain (not async) calls from Java."""

import pathlib
import time

events = []


def sleep_long(seconds, started):
    """Sleeps, saying when it started (by creating the file ``started``) and how it ended."""
    events.append("started")
    pathlib.Path(started).touch()
    try:
        time.sleep(seconds)
        events.append("finished")
    except BaseException as exc:
        events.append(type(exc).__name__)
        raise


def record(name):
    events.append(name)
    return name


def events_so_far():
    return list(events)
