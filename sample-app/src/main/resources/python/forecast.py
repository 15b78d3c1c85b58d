"""Demand forecast: an ``async def`` that waits on (simulated) slow services.

The worker awaits the coroutine; the Java interface returns ``CompletableFuture``, so
the web request thread is not held while Python works. The esem Maven plugin
generates that interface, ``Forecast``, from the type hints.
"""
import asyncio
import logging
import zlib
from typing import TypedDict

from pricing import unit_price

__all__ = ["forecast"]

log = logging.getLogger(__name__)

WEEKDAY = (1.0, 0.9, 0.95, 1.0, 1.2, 1.4, 0.8)


async def _sales_history(sku, days):
    """Stands in for a database query: daily sales of the last `days` days."""
    await asyncio.sleep(0.05)
    base = 20 + zlib.crc32(sku.encode()) % 30
    return [base + (day * 7) % 11 for day in range(days)]


async def _weekly_trend(sku):
    """Stands in for a call to a trend service: a growth factor per week."""
    await asyncio.sleep(0.05)
    return 1.0 + (zlib.crc32(sku[::-1].encode()) % 5) / 100


# tag::forecast[]
class DailyForecast(TypedDict):
    sku: str
    days: int
    daily: list[float]
    total: float


async def forecast(sku: str, days: int = 7) -> DailyForecast:
    """Expected daily sales of `sku` for the next `days` days."""
    unit_price(sku)  # raises ValueError for an unknown sku
    if not 1 <= days <= 90:
        raise ValueError("days must be between 1 and 90")
    history, trend = await asyncio.gather(_sales_history(sku, 28), _weekly_trend(sku))
    average = sum(history) / len(history)
    daily = [round(average * WEEKDAY[day % 7] * trend ** ((day + 1) / 7), 1) for day in range(days)]
    log.info("forecast for %s over %d days", sku, days)
    return {"sku": sku, "days": days, "daily": daily, "total": round(sum(daily), 1)}
# end::forecast[]
