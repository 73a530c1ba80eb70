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
tables of ``restore.resources.OCR_CALIBRATIONS``: the confidence the family reports. Each
fifth of the pages is scored for it by a model fitted on the other four
(:func:`scripts.calibration.fit_and_calibrate`), so the confidence holds on unseen pages.
The other half stays unseen, to measure the family on.

Usage::

    python scripts/calibrate_ocr.py [DIR] [-o dictionaries] [--bins 40]

Needs scikit-learn (``pip install -e '.[fit]'``).

``DIR`` defaults to ``../shared/data/ocr-dev/bln600``. Deterministic.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path

from restore import resources
from restore.fixes import ocr
from restore.model import Correction
from scripts.calibration import fit_and_calibrate, has_scikit_learn, write_calibration
from scripts.learn_ocr_channel import DEFAULT_PAIRS, find_pairs
from scripts.pairs import tables_in

DEFAULT_OUTPUT = Path(__file__).resolve().parents[1] / "dictionaries"
#: The decision model's probability never falls as the reading's posterior rises: the only
#: feature the page's probability of being OCR output moves, so a text read as a page more
#: surely OCR (the pipeline's later passes: ``restore.ocr_page.page_read_as``) is never
#: corrected less surely than when read afresh, and ``restore`` stays idempotent (fuzzing
#: found two BLN600 pages spliced where the free model put "WNahy" -> "Why" at 0.72 in the
#: last pass and at 0.80 afresh). It cost 0.2 points of WER reduction: 36.5% -> 36.3% on
#: BLN600, 36.6% -> 36.4% on the odd half.
INCREASING = frozenset({"posterior"})


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
    if not has_scikit_learn("calibrate_ocr"):
        return 1
    with tables_in(args.output, [resources.ocr_word_decision]):
        decisions, points = fit_and_calibrate(
            pairs, _decide, ocr.propose_uncalibrated,
            lambda c: ocr.calibration_kind(c.rule, c.original, c.replacement),
            resources.OCR_WORD_DECISION, ocr.WORD_FEATURES, resources.ocr_word_decision,
            args.output, args.output,
            f"over {{}} word decisions on {len(pairs)} even-half pairs of "
            f"{args.directory.name}, never falling as the posterior rises; built by "
            "scripts/calibrate_ocr.py",
            increasing=INCREASING)
    print(f"calibrate_ocr: {resources.OCR_WORD_DECISION[0]}: fitted on {decisions} "
          "word decisions", file=sys.stderr)
    for kind, table_spec in resources.OCR_CALIBRATIONS.items():
        write_calibration(args.output, table_spec, points.get(kind, []), args.bins,
                          "calibrate_ocr", f"{len(pairs)} even-half pairs of "
                          f"{args.directory.name}, each fifth scored by a decision model "
                          "fitted on the others")
    return 0


def _decide(text: str) -> Iterator[tuple[Correction, tuple[float, ...]]]:
    """Each word decision on ``text`` as the correction it would make, with its features."""
    for start, end, reading, values in ocr.word_decisions(text):
        yield Correction(start, end, text[start:end], reading, 1.0, "ocr.word", ""), values


if __name__ == "__main__":
    raise SystemExit(main())
