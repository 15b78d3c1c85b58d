"""Running statistics: mean and variance in one pass (Welford's algorithm).

The application creates one ``RunningStats`` per request and releases it at the end
of the request (try-with-resources). The esem Maven plugin generates its Java
interface, ``Stats``, from the type hints.
"""
import math
from typing import TypedDict

__all__ = ["RunningStats"]


# tag::stats[]
class Summary(TypedDict):
    count: int
    mean: float
    variance: float
    stddev: float
    min: float
    max: float


class RunningStats:
    """Count, mean, variance, min and max of the values pushed so far."""

    def __init__(self):
        self.count = 0
        self.mean = 0.0
        self._m2 = 0.0
        self.min = math.inf
        self.max = -math.inf

    def push(self, value: float) -> int:
        """Adds a value; returns how many values were pushed."""
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError(f"a number is expected, not {type(value).__name__}")
        if not math.isfinite(value):
            raise ValueError(f"{value} is not a measurement")
        self.count += 1
        delta = value - self.mean
        self.mean += delta / self.count
        self._m2 += delta * (value - self.mean)
        self.min = min(self.min, value)
        self.max = max(self.max, value)
        return self.count

    def summary(self) -> Summary:
        """The statistics of the values pushed so far."""
        if self.count == 0:
            raise ValueError("no values: push at least one number")
        variance = self._m2 / self.count
        return {"count": self.count, "mean": self.mean, "variance": variance,
                "stddev": math.sqrt(variance), "min": self.min, "max": self.max}
# end::stats[]
