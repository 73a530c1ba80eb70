"""Fit the OCR family's decision model and calibrate its confidence on development pages.

Runs the OCR family on the tuning half of the pairs (every other pair, sorted by name: the
half ``scripts/learn_ocr_channel.py`` learns the shipped channel from) and scores each
proposal alone against the human transcription (right when it brings the OCR text closer;
words the transcription does not cover are not counted: :class:`benchmarks.quality.Judge`).

First, gradient-boosted trees (scikit-learn) of right against what the family reads of each
word that may be misread and its best reading (``restore.fixes.ocr.WORD_FEATURES``) give
``dictionaries/ocr-word-decision.tsv``: the probability that the reading is right. Then an
isotonic fit (:func:`scripts.calibration.isotonic`) of right against the family's raw
score, one for each kind of proposal (:func:`restore.fixes.ocr.calibration_kind`), gives the
tables of ``restore.resources.OCR_CALIBRATIONS``: the confidence the family reports. The
other half stays unseen, to measure the family on.

Usage::

    python scripts/calibrate_ocr.py [DIR] [-o dictionaries] [--bins 40]

Needs scikit-learn (``pip install -e '.[fit]'``).

``DIR`` defaults to ``../shared/data/ocr-dev/bln600``. Deterministic.
"""

from __future__ import annotations

import argparse
import functools
import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from restore import resources
from restore.fixes import ocr
from restore.model import Correction
from scripts.calibration import isotonic, judged, observations, write_table
from scripts.learn_ocr_channel import DEFAULT_PAIRS, find_pairs
from scripts.pairs import tables_in

DEFAULT_OUTPUT = Path(__file__).resolve().parents[1] / "dictionaries"
#: The decision model: gradient-boosted trees of this depth (complete, so that each evaluates
#: in ``DEPTH`` steps), this many, at this learning rate and L2 penalty. Chosen by five-fold
#: cross-validation over the documents of the even half (log loss 0.2395, against 0.2689 for
#: the logistic regression over the same features that the trees replaced; 300 trees of 15
#: leaves at 0.05 gave 0.2381, depth 3 0.2404).
DEPTH = 4
TREES = 200
LEARNING_RATE = 0.1
L2_PENALTY = 1.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", nargs="?", type=Path, default=DEFAULT_PAIRS)
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--bins", type=int, default=40)
    args = parser.parse_args(argv)
    pairs = find_pairs([args.directory], "even")
    if not pairs:
        print(f"calibrate_ocr: no pairs in {args.directory}", file=sys.stderr)
        return 1
    if importlib.util.find_spec("sklearn") is None:
        print("calibrate_ocr: fitting the decision model needs scikit-learn: "
              "pip install -e '.[fit]'", file=sys.stderr)
        return 1
    with tables_in(args.output, [resources.ocr_word_decision]):
        decisions = fit_decisions(pairs, args.output, args.directory.name)
        print(f"calibrate_ocr: {resources.OCR_WORD_DECISION[0]}: fitted on {decisions} "
              "word decisions", file=sys.stderr)
        calibrate(pairs, args.output, args.directory.name, args.bins)
    return 0


def fit_decisions(pairs: list[tuple[Path, Path]], output: Path, source: str) -> int:
    """Fit the decision model on the word decisions over ``pairs`` and write it to
    ``output``; the number of decisions it was fitted on."""
    import numpy as np
    from sklearn.ensemble import HistGradientBoostingClassifier

    def decide(text: str) -> Iterator[tuple[Correction, tuple[float, ...]]]:
        for start, end, reading, values in ocr.word_decisions(text):
            yield Correction(start, end, text[start:end], reading, 1.0, "ocr.word", ""), values

    seen = judged(pairs, decide)
    model = HistGradientBoostingClassifier(
        max_iter=TREES, learning_rate=LEARNING_RATE, max_depth=DEPTH, max_leaf_nodes=None,
        l2_regularization=L2_PENALTY, early_stopping=False, random_state=0,
    ).fit(np.array([values for values, _ in seen]), np.array([right for _, right in seen]))
    name, file_format, version = resources.OCR_WORD_DECISION
    output.mkdir(parents=True, exist_ok=True)
    (output / name).write_text("\n".join([
        f"# {file_format}\tv{version}",
        f"# source: gradient-boosted trees (scikit-learn's HistGradientBoostingClassifier: "
        f"{TREES} trees of depth {DEPTH}, learning rate {LEARNING_RATE:g}, L2 penalty "
        f"{L2_PENALTY:g}) of whether the best reading was right, over {len(seen)} word "
        f"decisions on {len(pairs)} even-half pairs of {source}; built by "
        "scripts/calibrate_ocr.py",
        "# P(right) = logistic(baseline + the sum over the trees of the value of the leaf a "
        "word reaches); each tree complete, its nodes in heap order (node i's children are "
        "2i+1 and 2i+2); a word goes right where its feature (restore.fixes.ocr.WORD_FEATURES) "
        "exceeds the threshold",
        "tree\tnode\tfeature\tthreshold\tvalue",
        f"{resources.BASELINE}\t\t\t\t{float(np.ravel(model._baseline_prediction)[0]):.17g}",
        *(f"{tree}\t{node}\t{feature}\t{threshold}\t{value}"
          for tree, (predictor,) in enumerate(model._predictors)
          for node, (feature, threshold, value) in enumerate(complete_tree(predictor.nodes))),
    ]) + "\n", encoding="utf-8")
    return len(seen)


def complete_tree(nodes: Any) -> list[tuple[str, str, str]]:
    """A fitted tree (scikit-learn's ``TreePredictor.nodes``) as ``(feature, threshold,
    value)`` rows of a complete tree of depth ``DEPTH`` in heap order: a leaf above the
    last level becomes inner nodes that send every word left (a threshold of infinity) to
    copies of it."""
    inner = 2 ** DEPTH - 1
    rows = [("", "", "")] * (2 * inner + 1)

    def place(index: int, at: int) -> None:
        node = nodes[index]
        if at >= inner:
            if not node["is_leaf"]:
                raise ValueError(f"a tree deeper than {DEPTH}")
            rows[at] = ("", "", f"{float(node['value']):.17g}")
        elif node["is_leaf"]:
            rows[at] = (ocr.WORD_FEATURES[0], "inf", "")
            place(index, 2 * at + 1)
            place(index, 2 * at + 2)
        else:
            rows[at] = (ocr.WORD_FEATURES[int(node["feature_idx"])],
                        f"{float(node['num_threshold']):.17g}", "")
            place(int(node["left"]), 2 * at + 1)
            place(int(node["right"]), 2 * at + 2)

    place(0, 0)
    return rows


def calibrate(pairs: list[tuple[Path, Path]], output: Path, source: str, bins: int) -> None:
    """Fit and write a calibration table for each kind of proposal over ``pairs``."""
    proposals = functools.cache(ocr.propose_uncalibrated)  # each page is read once for all
    for kind, table_spec in resources.OCR_CALIBRATIONS.items():
        def propose(text: str, kind: str = kind) -> list[Correction]:
            return [c for c in proposals(text)
                    if ocr.calibration_kind(c.rule, c.original) == kind]

        points = observations(pairs, propose)
        table = isotonic(points, bins)
        write_table(output, table_spec, table, "scripts/calibrate_ocr.py",
                    f"fitted on {len(points)} proposals over {len(pairs)} even-half pairs of "
                    f"{source}; bins={bins}")
        print(f"calibrate_ocr: {table_spec[0]}: {len(table)} steps from {len(points)} "
              "proposals", file=sys.stderr)


if __name__ == "__main__":
    raise SystemExit(main())
