"""Fit the OCR family's decision model and calibrate its confidence on development pages.

Runs the OCR family on the tuning half of the pairs (every other pair, sorted by name: the
half ``scripts/learn_ocr_channel.py`` learns the shipped channel from) and scores each
proposal alone against the human transcription (right when it brings the OCR text closer;
words the transcription does not cover are not counted: :class:`benchmarks.quality.Judge`).

First, a logistic regression (scikit-learn) of right against what the family reads of each
word that may be misread and its best reading (``restore.fixes.ocr.WORD_FEATURES``) gives
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

from restore import resources
from restore.fixes import ocr
from restore.model import Correction
from scripts.calibration import isotonic, judged, observations, write_table
from scripts.learn_ocr_channel import DEFAULT_PAIRS, find_pairs
from scripts.pairs import tables_in

DEFAULT_OUTPUT = Path(__file__).resolve().parents[1] / "dictionaries"
#: Inverse strength of the decision model's L2 penalty (scikit-learn's ``C``), on features
#: scaled to unit variance: weak, for some 14,000 decisions over 21 features.
REGULARIZATION = 10.0


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
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    def decide(text: str) -> Iterator[tuple[Correction, tuple[float, ...]]]:
        for start, end, reading, values in ocr.word_decisions(text):
            yield Correction(start, end, text[start:end], reading, 1.0, "ocr.word", ""), values

    seen = judged(pairs, decide)
    features = [values for values, _ in seen]
    right = [verdict for _, verdict in seen]
    scaler = StandardScaler().fit(np.array(features))
    model = LogisticRegression(C=REGULARIZATION, max_iter=10_000).fit(
        scaler.transform(np.array(features)), np.array(right))
    weights = model.coef_[0] / scaler.scale_  # on the features as they come
    intercept = float(model.intercept_[0] - weights @ scaler.mean_)
    name, file_format, version = resources.OCR_WORD_DECISION
    output.mkdir(parents=True, exist_ok=True)
    (output / name).write_text("\n".join([
        f"# {file_format}\tv{version}",
        f"# source: a logistic regression (scikit-learn, C={REGULARIZATION:g}) of whether the "
        f"best reading was right, over {len(right)} word decisions on {len(pairs)} even-half "
        f"pairs of {source}; built by scripts/calibrate_ocr.py",
        "# P(right) = logistic(intercept + sum of weight * feature), the features of "
        "restore.fixes.ocr.WORD_FEATURES",
        "feature\tweight",
        f"{resources.INTERCEPT}\t{intercept:.6g}",
        *(f"{feature}\t{weight:.6g}" for feature, weight in zip(ocr.WORD_FEATURES, weights,
                                                                   strict=True)),
    ]) + "\n", encoding="utf-8")
    return len(right)


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
