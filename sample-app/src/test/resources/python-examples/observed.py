"""Errors, logs and warnings that keep their structure, for the errors and operations examples."""
import asyncio
import logging
import warnings

__all__ = ["price", "fit", "audit", "slow_report"]

PRICES = {"tea": 4.5, "coffee": 7.0}
log = logging.getLogger("pricing")


# tag::price-error[]
class PriceError(ValueError):
    """Bad input of the pricing domain: still a ValueError."""


def price(sku):
    try:
        return PRICES[sku]
    except KeyError as exc:
        raise PriceError(f"unknown sku {sku!r}") from exc
# end::price-error[]


# tag::logs-and-warnings[]
def fit(rows):
    if len(rows) < 3:
        warnings.warn("too few rows to converge", RuntimeWarning)  # one WARN event
    return len(rows)


def audit(sku):
    try:
        return price(sku)
    except PriceError:
        log.exception("audit of %s failed", sku)  # one ERROR event, with the exception
        return None
# end::logs-and-warnings[]


# tag::slow-report[]
cancelled = []


async def slow_report(seconds):
    try:
        await asyncio.sleep(seconds)
    except asyncio.CancelledError:
        cancelled.append(seconds)  # cleanup runs: the task was cancelled
        raise
# end::slow-report[]


def cancelled_reports():
    return len(cancelled)
