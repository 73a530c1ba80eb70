"""Probability helpers shared by the families."""

from __future__ import annotations

import math


def logistic(x: float) -> float:
    """1 / (1 + e^-x), clamped so that it never overflows: a log-odds as a probability.

    >>> logistic(0.0), logistic(-1e9) < 1e-21, logistic(1e9)
    (0.5, True, 1.0)
    """
    return 1.0 / (1.0 + math.exp(-max(min(x, 50.0), -50.0)))
