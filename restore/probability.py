"""Probability helpers shared by the families."""

from __future__ import annotations

import math
import operator
from collections.abc import Sequence
from dataclasses import dataclass


def logistic(x: float) -> float:
    """1 / (1 + e^-x), clamped so that it never overflows: a log-odds as a probability.

    >>> logistic(0.0), logistic(-1e9) < 1e-21, logistic(1e9)
    (0.5, True, 1.0)
    """
    return 1.0 / (1.0 + math.exp(-max(min(x, 50.0), -50.0)))


@dataclass(frozen=True, slots=True)
class LogisticModel:
    """A fitted logistic regression: P(yes | x) = logistic(intercept + Σ weightᵢ · xᵢ), over
    the named ``features`` in order.

    >>> model = LogisticModel(("length", "common"), (0.5, 1.0), -2.0)
    >>> round(model.probability((4.0, 1.0)), 3)
    0.731
    """

    features: tuple[str, ...]
    weights: tuple[float, ...]
    intercept: float

    def probability(self, values: Sequence[float]) -> float:
        """P(yes) for feature ``values`` given in the order of ``features``."""
        return logistic(self.intercept + math.fsum(map(operator.mul, self.weights, values)))
