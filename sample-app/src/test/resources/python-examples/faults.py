"""Misbehaving functions for the error and operations examples."""
import os
import time

__all__ = ["crash", "slow", "pid", "shout", "parse_age"]


# tag::faults[]
def crash(code=3):
    os._exit(code)  # the process ends at once, as a segfault or an OOM kill would


def slow(seconds):
    time.sleep(seconds)
    return seconds


def pid():
    return os.getpid()
# end::faults[]


# tag::shout[]
def shout(text):
    print("shouting", text)  # goes to the application's log, never to the protocol
    return text.upper()
# end::shout[]


# tag::parse-age[]
def parse_age(text):
    age = int(text)  # int("forty") raises ValueError
    if age < 0:
        raise ValueError(f"age must not be negative, got {age}")
    return age
# end::parse-age[]
