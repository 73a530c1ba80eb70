"""Decision models: trees fitted with scikit-learn, written as a dictionary, read back."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from restore import resources
from scripts.calibration import DEPTH, fit_trees, write_trees
from scripts.pairs import tables_in

FEATURES = ("a", "b", "c", "noise")


def test_trees_read_back_give_what_scikit_learn_gives(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(600, len(FEATURES)))
    right = (x[:, 0] + x[:, 1] * x[:, 2] + rng.normal(scale=0.5, size=len(x))) > 0
    fitted = fit_trees([(tuple(row), bool(ok)) for row, ok in zip(x, right, strict=True)])
    table = ("model.tsv", "restore-test-model", 1)
    write_trees(fitted, FEATURES, table, tmp_path, "over a test")
    with tables_in(tmp_path, []):
        trees = resources.boosted_trees(table)
    assert trees.splits.shape[1] == 2 ** DEPTH - 1  # complete: shallower leaves padded
    columns = resources.decision_columns(trees, table, FEATURES)
    probe = rng.normal(size=(300, len(FEATURES)))
    assert np.allclose(trees.probabilities(probe[:, columns]),
                       fitted.predict_proba(probe)[:, 1], rtol=0, atol=1e-12)


def test_trees_fitted_monotonic_never_fall_as_that_feature_rises(tmp_path: Path) -> None:
    rng = np.random.default_rng(1)
    x = rng.normal(size=(600, len(FEATURES)))
    right = (np.sin(3 * x[:, 0]) + x[:, 1] + rng.normal(scale=0.5, size=len(x))) > 0
    decisions = [(tuple(row), bool(ok)) for row, ok in zip(x, right, strict=True)]
    table = ("model.tsv", "restore-test-model", 1)
    grid = np.linspace(-3, 3, 61)

    def falls(fitted: object) -> bool:
        write_trees(fitted, FEATURES, table, tmp_path, "over a test")
        with tables_in(tmp_path, []):
            trees = resources.boosted_trees(table)
        columns = resources.decision_columns(trees, table, FEATURES)
        rows = np.repeat(rng.normal(size=(20, 1, len(FEATURES))), len(grid), axis=1)
        rows[:, :, 0] = grid
        curves = np.array(trees.probabilities(rows.reshape(-1, len(FEATURES))[:, columns]))
        return bool((np.diff(curves.reshape(20, len(grid)), axis=1) < 0).any())

    assert falls(fit_trees(decisions))  # sin(3a) rises and falls
    assert not falls(fit_trees(decisions, (1, 0, 0, 0)))
