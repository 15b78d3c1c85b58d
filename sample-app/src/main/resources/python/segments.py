"""Customer segments: k-means over (monthly spend, visits per month), with numpy.

The model is trained when the module is imported: the application preloads it, so
every worker trains it at startup, from the same seed, and holds the same centers.
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


def segment(customers):
    """Segments an (n, 2) array of customers: monthly spend, visits per month."""
    points = np.asarray(customers, dtype=np.float64)
    if points.ndim != 2 or points.shape[1] != 2:
        raise ValueError(f"customers must be an (n, 2) array, not {points.shape}")
    distances = np.linalg.norm((points / _SCALE)[:, None, :] - _CENTERS[None, :, :], axis=2)
    segments = distances.argmin(axis=1)
    return Assignment(segments, [NAMES[s] for s in segments],
                      distances[np.arange(len(points)), segments])


def centers():
    """The center of each segment, in the units of the input."""
    return _CENTERS * _SCALE
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


_rng = np.random.default_rng(7)
_customers = _training_customers(_rng)
_SCALE = _customers.std(axis=0)  # both features count alike
_CENTERS = _kmeans(_customers / _SCALE, len(NAMES), _rng)
