"""Models for the serving benchmarks: a vectorised model with a fixed cost per call, as
scikit-learn's predict has, and a CPU-bound model for replicas on several workers."""

import time

import numpy as np

FIXED_COST_SECONDS = 0.0005


def _fixed_cost():
    # Busy, like the input validation and dispatch of a library's predict: not a sleep.
    end = time.perf_counter() + FIXED_COST_SECONDS
    while time.perf_counter() < end:
        pass


class LinearModel:
    """Scores rows of features: a fixed cost per call plus a small cost per row."""

    def __init__(self, features, seed=7):
        self.weights = np.random.default_rng(seed).normal(size=features)

    def predict_one(self, row):
        _fixed_cost()
        return float(np.asarray(row, dtype=np.float64) @ self.weights)

    def predict(self, rows):
        _fixed_cost()
        return np.asarray(rows, dtype=np.float64) @ self.weights


class BurnModel:
    """CPU-bound in pure Python: holds the GIL for the whole call."""

    def __init__(self, scale):
        self.scale = scale

    def burn(self, iterations):
        total = 0
        for i in range(iterations):
            total += i * self.scale % 7
        return total
