"""Fixture module for the structure of errors, logs and warnings seen from Java."""

import asyncio
import logging
import time
import warnings

log = logging.getLogger("structured")
_cancelled = []


class PricingError(ValueError):
    """A ValueError subclass of a module of its own, as pydantic's ValidationError is."""


def subclass_error():
    raise PricingError("negative price")


def lookup(sku):
    return {}[sku]


def raised_from():
    try:
        lookup("tea")
    except KeyError as exc:
        raise PricingError("no price for tea") from exc


def during_handling():
    try:
        1 / 0
    except ZeroDivisionError:
        raise RuntimeError("while handling")


def context_suppressed():
    try:
        1 / 0
    except ZeroDivisionError:
        raise RuntimeError("clean") from None


def through_java(fn):
    try:
        fn()
    except Exception as exc:
        raise RuntimeError("the Java function failed") from exc


def busy(seconds):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        time.sleep(0.001)


async def sleepy(seconds):
    await asyncio.sleep(seconds)


async def cancel_myself():
    asyncio.current_task().cancel()
    await asyncio.sleep(5)


async def wait_long(seconds):
    try:
        await asyncio.sleep(seconds)
    except asyncio.CancelledError:
        _cancelled.append(seconds)
        raise


def cancelled_count():
    return len(_cancelled)


def big_string(n):
    return "x" * n


def log_failure():
    try:
        raised_from()
    except PricingError:
        log.exception("pricing %s failed", "tea")
    return "logged"


def warn_twice():
    warnings.warn("the model did not converge", UserWarning)
    warnings.warn("this will change", FutureWarning)
    return "warned"


def log_info(text):
    log.info(text)
    return text


async def log_in_task(text):
    await asyncio.sleep(0.01)
    log.info(text)
    return text


def log_around(fn):
    log.info("before the Java function")
    fn()
    log.info("after the Java function")


def interrupted():
    """Ends as the worker's interrupt at a call's deadline does, before any deadline."""
    from esem_worker.interrupts import CallTimeout
    raise CallTimeout("the call outlived its timeout and was interrupted")
