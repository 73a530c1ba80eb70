"""Calibrate the OCR family's confidence on development pages.

Runs the OCR family on the tuning half of the pairs (every other pair, sorted by name: the
half ``scripts/learn_ocr_channel.py`` learns the shipped channel from) and scores each
proposal alone against the human transcription (right when it brings the OCR text closer;
words the transcription does not cover are not counted: :class:`benchmarks.quality.Judge`).
An isotonic fit (:func:`scripts.calibration.isotonic`) of right against the family's raw
posterior, one for each kind of proposal (:func:`restore.fixes.ocr.calibration_kind`), gives
the tables of ``restore.resources.OCR_CALIBRATIONS`` in ``dictionaries/``: the confidence the
family reports for a raw posterior. The other half stays unseen, to measure the family on.

Usage::

    python scripts/calibrate_ocr.py [DIR] [-o dictionaries] [--bins 40]

``DIR`` defaults to ``../shared/data/ocr-dev/bln600``. Deterministic.
"""

from __future__ import annotations

import argparse
import functools
import sys
from pathlib import Path

from restore import resources
from restore.fixes import ocr
from restore.model import Correction
from scripts.calibration import isotonic, observations, write_table
from scripts.learn_ocr_channel import DEFAULT_PAIRS, find_pairs

DEFAULT_OUTPUT = Path(__file__).resolve().parents[1] / "dictionaries"


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
    proposals = functools.cache(ocr.propose_uncalibrated)  # each page is read once for all
    for kind, table_spec in resources.OCR_CALIBRATIONS.items():
        def propose(text: str, kind: str = kind) -> list[Correction]:
            return [c for c in proposals(text)
                    if ocr.calibration_kind(c.rule, c.original) == kind]

        points = observations(pairs, propose)
        table = isotonic(points, args.bins)
        write_table(args.output, table_spec, table, "scripts/calibrate_ocr.py",
                    f"fitted on {len(points)} proposals over {len(pairs)} even-half pairs of "
                    f"{args.directory.name}; bins={args.bins}")
        print(f"calibrate_ocr: {table_spec[0]}: {len(table)} steps from {len(points)} "
              "proposals", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
