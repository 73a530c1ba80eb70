"""Probability helpers shared by the families."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt


def logistic(x: float) -> float:
    """1 / (1 + e^-x), clamped so that it never overflows: a log-odds as a probability.

    >>> logistic(0.0), logistic(-1e9) < 1e-21, logistic(1e9)
    (0.5, True, 1.0)
    """
    return 1.0 / (1.0 + math.exp(-max(min(x, 50.0), -50.0)))


#: Rows :meth:`BoostedTrees.probabilities` takes at a time, every tree reading them at once:
#: with 200 trees, 0.07 ms for 5 rows and 0.22 s for 40,000 (one tree after another over all
#: rows took 2.9 ms and 0.15 s: a short text pays for every numpy call).
CHUNK = 64


@dataclass(frozen=True, eq=False)
class BoostedTrees:
    """Gradient-boosted regression trees: P(yes | x) = logistic(baseline + the sum, over the
    trees, of the value of the leaf that x reaches), over the named ``features`` in order.

    Every tree is complete and of one depth, its nodes in heap order (the children of node
    *i* are 2*i* + 1 and 2*i* + 2): inner node *i* of tree *t* sends x right where feature
    ``splits[t, i]`` of x exceeds ``thresholds[t, i]`` (never, at a threshold of infinity),
    and ``leaves[t, j]`` is the value of its *j*-th leaf from the left.

    >>> trees = BoostedTrees(("length",), -1.0, np.array([[0]]), np.array([[3.0]]),
    ...                      np.array([[-1.0, 2.0]]))
    >>> [round(p, 3) for p in trees.probabilities([(2.0,), (5.0,)])]
    [0.119, 0.731]
    """

    features: tuple[str, ...]
    baseline: float
    splits: npt.NDArray[np.intp]
    thresholds: npt.NDArray[np.float64]
    leaves: npt.NDArray[np.float64]

    def probabilities(self, rows: Sequence[Sequence[float]]) -> list[float]:
        """P(yes) for each row of feature values, given in the order of ``features``: every
        tree at once over ``CHUNK`` rows at a time (few calls for a short text, bounded
        memory for a long one)."""
        x = np.asarray(rows, dtype=np.float64).reshape(len(rows), len(self.features))
        trees, inner = self.splits.shape
        depth = (inner + 1).bit_length() - 1
        splits, thresholds = self.splits.ravel(), self.thresholds.ravel()
        first_node = (np.arange(trees) * inner)[:, None]  # of each tree in ``splits``
        first_leaf = (np.arange(trees) * (inner + 1) - inner)[:, None]  # in ``leaves``
        total = np.full(len(x), self.baseline)
        for start in range(0, len(x), CHUNK):
            chunk = x[start:start + CHUNK]
            n = len(chunk)
            by_feature = np.ascontiguousarray(chunk.T).ravel()  # n*f + i is chunk[i, f]
            every = np.arange(n)
            node = np.zeros((trees, n), dtype=np.intp)
            for _ in range(depth):
                at = first_node + node
                node = 2 * node + 1 + (by_feature[splits[at] * n + every] > thresholds[at])
            total[start:start + n] += self.leaves.ravel()[first_leaf + node].sum(axis=0)
        probabilities: list[float] = (1.0 / (1.0 + np.exp(-np.clip(total, -50.0, 50.0)))).tolist()
        return probabilities
