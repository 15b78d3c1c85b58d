"""Customer segments: k-means over (monthly spend, visits per month), with numpy.

The model is an object trained at construction: the application makes it a replicated
bean, so every worker trains its own replica before it takes calls (from the same seed,
to the same centers), and a worker started later trains one again.
"""
# tag::segments[]
import dataclasses

import numpy as np

NAMES = ("occasional", "regular", "loyal")


@dataclasses.dataclass
class Assignment:
    segments: np.ndarray  # int64: the segment of each customer
    names: list  # the segment names, customer by customer
    distances: np.ndarray  # float64: how far each customer is from its segment's center


@dataclasses.dataclass
class CustomerSegment:
    segment: int
    name: str
    distance: float


class SegmentModel:
    """k-means centers learnt from synthetic customers; read-only once trained."""

    def __init__(self, seed=7):
        rng = np.random.default_rng(seed)
        customers = _training_customers(rng)
        self.scale = customers.std(axis=0)  # both features count alike
        self.unit_centers = _kmeans(customers / self.scale, len(NAMES), rng)

    def segment(self, customers):
        """Segments an (n, 2) array of customers: monthly spend, visits per month."""
        points = np.asarray(customers, dtype=np.float64)
        if points.ndim != 2 or points.shape[1] != 2:
            raise ValueError(f"customers must be an (n, 2) array, not {points.shape}")
        distances = np.linalg.norm((points / self.scale)[:, None, :] - self.unit_centers[None, :, :], axis=2)
        segments = distances.argmin(axis=1)
        return Assignment(segments, [NAMES[s] for s in segments],
                          distances[np.arange(len(points)), segments])

    def segment_each(self, customers):
        """Batched: one customer per caller, stacked into an (n, 2) array; one result each."""
        assignment = self.segment(customers)
        return [CustomerSegment(int(s), name, float(d))
                for s, name, d in zip(assignment.segments, assignment.names, assignment.distances)]

    def centers(self):
        """The center of each segment, in the units of the input."""
        return self.unit_centers * self.scale
# end::segments[]


def _training_customers(rng):
    """Synthetic customers around three typical ones."""
    typical = np.array([[25.0, 1.5], [70.0, 4.0], [160.0, 11.0]])
    spread = np.array([8.0, 0.8])
    return np.concatenate([center + rng.normal(size=(200, 2)) * spread for center in typical])


def _kmeans(points, k, rng, iterations=100):
    centers = points[rng.choice(len(points), size=k, replace=False)]
    for _ in range(iterations):
        nearest = np.linalg.norm(points[:, None, :] - centers[None, :, :], axis=2).argmin(axis=1)
        moved = np.array([points[nearest == i].mean(axis=0) for i in range(k)])
        if np.allclose(moved, centers):
            break
        centers = moved
    return centers[np.argsort(centers[:, 0])]  # by spend, to match NAMES
