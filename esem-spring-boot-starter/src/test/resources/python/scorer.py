"""A model for the starter's serving tests: built once per worker, scores batches."""

import os


class Scorer:

    def __init__(self, weight, broken_if_exists=None):
        if broken_if_exists and os.path.exists(broken_if_exists):
            raise RuntimeError("the weights are corrupt")
        self.weight = weight

    def score(self, rows):
        return [self.weight * sum(row) for row in rows]

    def pid(self):
        return os.getpid()
