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
        """P(yes) for each row of feature values, given in the order of ``features``:
        all rows at once, one tree after the other."""
        x = np.asarray(rows, dtype=np.float64).reshape(len(rows), len(self.features))
        n = len(x)
        by_feature = np.ascontiguousarray(x.T).ravel()  # feature n*f + i is x[i, f]
        every = np.arange(n)
        inner = self.splits.shape[1]
        depth = (inner + 1).bit_length() - 1
        total = np.full(n, self.baseline)
        for starts, thresholds, leaves in zip(self.splits * n, self.thresholds, self.leaves,
                                              strict=True):
            node = np.zeros(n, dtype=np.intp)
            for _ in range(depth):
                node = 2 * node + 1 + (by_feature[starts[node] + every] > thresholds[node])
            total += leaves[node - inner]
        return [float(p) for p in 1.0 / (1.0 + np.exp(-np.clip(total, -50.0, 50.0)))]
