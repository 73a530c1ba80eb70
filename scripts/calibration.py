"""A family's decision model and calibration tables, fitted on development pairs.

The decision model is gradient-boosted trees (scikit-learn) of whether a proposal was right
against what the family reads of it; a calibration table is an isotonic fit of right
against the family's raw score (the model's probability, or a posterior).
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from benchmarks.quality import Judge
from restore import resources
from restore.model import Correction

T = TypeVar("T")
#: The decision models: gradient-boosted trees of this depth (complete, so that each
#: evaluates in ``DEPTH`` steps), this many, at this learning rate and L2 penalty. Chosen by
#: five-fold cross-validation over the pages of BLN600's even half: log loss 0.2395, against
#: 0.2689 for the logistic regression the trees replaced (300 trees of 15 leaves at 0.05
#: gave 0.2381, depth 3 0.2404).
DEPTH = 4
TREES = 200
LEARNING_RATE = 0.1
L2_PENALTY = 1.0
#: Parts the pairs are cut into for calibration: the proposals on each part are scored by a
#: model fitted on the others, for a model is surer of the pages it was fitted on than of
#: unseen ones, and the confidence must hold on unseen ones.
FOLDS = 5
#: A decision: what a family read of a proposal (its features), and whether it was right.
Decision = tuple[tuple[float, ...], bool]


def fit_and_calibrate(pairs: list[tuple[Path, Path]],
                      decide: Callable[[str], Iterable[tuple[Correction, tuple[float, ...]]]],
                      propose: Callable[[str], list[Correction]],
                      kind_of: Callable[[Correction], str | None],
                      model: tuple[str, str, int], features: tuple[str, ...],
                      loader: Callable[[], object], reading: Path, output: Path, source: str,
                      increasing: frozenset[str] = frozenset(),
                      ) -> tuple[int, dict[str, list[tuple[float, bool]]]]:
    """Fit a family's decision model (the ``model`` table, read by ``loader``, over the
    ``features`` that ``decide`` gives) on the pairs into ``output``, and collect the (raw
    score, right) points of each kind of proposal (``kind_of``; ``None`` for none) that the
    family's uncalibrated ``propose`` makes, each part of ``FOLDS`` read with a model fitted
    on the others (written into ``reading``, where the family reads its tables). ``source``
    says what the model was fitted on, with ``{}`` for the number of decisions. Returns that
    number and the points by kind. The model's probability never falls as a feature of
    ``increasing`` rises."""
    monotonic = [int(feature in increasing) for feature in features]
    parts = [part for f in range(FOLDS) if (part := pairs[f::FOLDS])]
    decided = [judged(part, decide) for part in parts]
    points: dict[str, list[tuple[float, bool]]] = {}
    for f, part in enumerate(parts):
        others = [decision for g, seen in enumerate(decided) if g != f for decision in seen]
        write_trees(fit_trees(others or decided[f], monotonic), features, model, reading,
                    f"fold {f + 1} of {len(parts)}")
        loader.cache_clear()  # type: ignore[attr-defined]
        for (kind, raw), right in judged(part, lambda text: (
                (c, (kind_of(c), c.confidence)) for c in propose(text))):
            if kind is not None:
                points.setdefault(kind, []).append((raw, right))
    everything = [decision for seen in decided for decision in seen]
    write_trees(fit_trees(everything, monotonic), features, model, output,
                source.format(len(everything)))
    loader.cache_clear()  # type: ignore[attr-defined]
    return len(everything), points


def fit_trees(decisions: Sequence[Decision], monotonic: Sequence[int] = ()) -> Any:
    """Gradient-boosted trees (scikit-learn's ``HistGradientBoostingClassifier``) of right
    against the features of ``decisions``, ``monotonic`` in each feature where given (1: the
    probability never falls as the feature rises; 0: free). Deterministic."""
    import numpy as np
    from sklearn.ensemble import HistGradientBoostingClassifier

    return HistGradientBoostingClassifier(
        max_iter=TREES, learning_rate=LEARNING_RATE, max_depth=DEPTH, max_leaf_nodes=None,
        l2_regularization=L2_PENALTY, early_stopping=False, random_state=0,
        monotonic_cst=list(monotonic) or None,
    ).fit(np.array([values for values, _ in decisions]),
          np.array([right for _, right in decisions]))


def write_trees(fitted: Any, features: tuple[str, ...], table: tuple[str, str, int],
                directory: Path, source: str) -> None:
    """Write the ``fitted`` trees over ``features`` as the dictionary ``table`` into
    ``directory``."""
    import numpy as np

    name, file_format, version = table
    directory.mkdir(parents=True, exist_ok=True)
    (directory / name).write_text("\n".join([
        f"# {file_format}\tv{version}",
        f"# source: gradient-boosted trees (scikit-learn's HistGradientBoostingClassifier: "
        f"{TREES} trees of depth {DEPTH}, learning rate {LEARNING_RATE:g}, L2 penalty "
        f"{L2_PENALTY:g}) of whether a proposal was right, {source}",
        "# P(right) = logistic(baseline + the sum over the trees of the value of the leaf a "
        "proposal reaches); each tree complete, its nodes in heap order (node i's children "
        "are 2i+1 and 2i+2); a proposal goes right where its feature exceeds the threshold",
        "tree\tnode\tfeature\tthreshold\tvalue",
        f"{resources.BASELINE}\t\t\t\t{float(np.ravel(fitted._baseline_prediction)[0]):.17g}",
        *(f"{tree}\t{node}\t{feature}\t{threshold}\t{value}"
          for tree, (predictor,) in enumerate(fitted._predictors)
          for node, (feature, threshold, value) in enumerate(
              complete_tree(predictor.nodes, features))),
    ]) + "\n", encoding="utf-8")


def complete_tree(nodes: Any, features: tuple[str, ...]) -> list[tuple[str, str, str]]:
    """A fitted tree (scikit-learn's ``TreePredictor.nodes``) over ``features`` as
    ``(feature, threshold, value)`` rows of a complete tree of depth ``DEPTH`` in heap
    order: a leaf above the last level becomes inner nodes that send every proposal left (a
    threshold of infinity) to copies of it."""
    inner = 2 ** DEPTH - 1
    rows = [("", "", "")] * (2 * inner + 1)

    def place(index: int, at: int) -> None:
        node = nodes[index]
        if at >= inner:
            if not node["is_leaf"]:
                raise ValueError(f"a tree deeper than {DEPTH}")
            rows[at] = ("", "", f"{float(node['value']):.17g}")
        elif node["is_leaf"]:
            rows[at] = (features[0], "inf", "")
            place(index, 2 * at + 1)
            place(index, 2 * at + 2)
        else:
            rows[at] = (features[int(node["feature_idx"])],
                        f"{float(node['num_threshold']):.17g}", "")
            place(int(node["left"]), 2 * at + 1)
            place(int(node["right"]), 2 * at + 2)

    place(0, 0)
    return rows


def judged(pairs: list[tuple[Path, Path]],
           propose: Callable[[str], Iterable[tuple[Correction, T]]]) -> list[tuple[T, bool]]:
    """(what ``propose`` said of it, right) for every correction it proposes on the
    ``(garbled, source)`` pairs; corrections the source does not cover are left out
    (:class:`benchmarks.quality.Judge`)."""
    seen = []
    for garbled_path, source_path in pairs:
        garbled = garbled_path.read_text(encoding="utf-8", errors="replace")
        judge = Judge(garbled, source_path.read_text(encoding="utf-8", errors="replace"))
        for correction, said in propose(garbled):
            verdict = judge(correction)
            if verdict is not None:
                seen.append((said, verdict))
    return seen


def isotonic(points: list[tuple[float, bool]], bins: int) -> list[tuple[float, float]]:
    """(upper raw bound, calibrated share right) per bin, non-decreasing in the share: pool
    adjacent violators over ``bins`` equal-count bins of (raw posterior, right) points."""
    points = sorted(points)
    size = max(len(points) // bins, 1)
    blocks = []  # [upper bound, right, count]
    for start in range(0, len(points), size):
        chunk = points[start:start + size]
        blocks.append([chunk[-1][0], float(sum(ok for _, ok in chunk)), float(len(chunk))])
    merged: list[list[float]] = []
    for block in blocks:
        merged.append(block)
        while len(merged) > 1 and merged[-2][1] / merged[-2][2] >= merged[-1][1] / merged[-1][2]:
            upper, right, count = merged.pop()
            merged[-1] = [upper, merged[-1][1] + right, merged[-1][2] + count]
    steps: list[list[float]] = []  # one step per distinct upper bound
    for upper, right, count in merged:
        if steps and round(steps[-1][0], 4) == round(upper, 4):
            steps[-1][1] += right
            steps[-1][2] += count
        else:
            steps.append([upper, right, count])
    return [(upper, right / count) for upper, right, count in steps]


def has_scikit_learn(script: str) -> bool:
    """Whether scikit-learn, which fits the decision models, is installed; where it is not,
    ``script`` says what it needs."""
    if importlib.util.find_spec("sklearn") is not None:
        return True
    print(f"{script}: fitting the decision model needs scikit-learn: pip install -e '.[fit]'",
          file=sys.stderr)
    return False


def write_calibration(directory: Path, table_spec: tuple[str, str, int],
                      points: list[tuple[float, bool]], bins: int, script: str,
                      source: str) -> None:
    """Write the calibration table ``table_spec`` names, fitted (:func:`isotonic`) on the
    (raw score, right) ``points`` from ``source`` by ``scripts/<script>.py``, and say so."""
    write_table(directory, table_spec, isotonic(points, bins), f"scripts/{script}.py",
                f"fitted on {len(points)} proposals over {source}; bins={bins}")
    print(f"{script}: {table_spec[0]}: from {len(points)} proposals", file=sys.stderr)


def write_table(directory: Path, table_spec: tuple[str, str, int],
                table: list[tuple[float, float]], script: str, source: str) -> None:
    """Write a calibration ``table`` as the dictionary ``table_spec`` names."""
    name, file_format, version = table_spec
    directory.mkdir(parents=True, exist_ok=True)
    (directory / name).write_text("\n".join([
        f"# {file_format}\tv{version}",
        f"# source: {source}; built by {script}",
        "# a raw posterior up to raw_upper reports the confidence of its step",
        "raw_upper\tconfidence",
        *(f"{upper:.4f}\t{confidence:.4f}" for upper, confidence in table),
    ]) + "\n", encoding="utf-8")
