"""Calibrate the spin family's confidence on articles its phrase maps have never seen.

Mines phrase maps from one half of the pairs (``scripts/mine_spin_maps.py --half even``),
runs the spin family with them on the other half, and scores each proposal alone against
the original (right when it brings the spun text closer: :class:`benchmarks.quality.Judge`).
Gradient-boosted trees of right against what the family reads of each proposal of the maps
(``restore.fixes.spin.DECISION_FEATURES``) give ``dictionaries/spin-decision.tsv``: the
probability that the proposal is right. An isotonic fit (:func:`scripts.calibration.isotonic`)
of right against that probability, one for each kind of proposal
(:func:`restore.fixes.spin.calibration_kind`), each fifth of the articles scored by a model
fitted on the others (:func:`scripts.calibration.fit_and_calibrate`), gives the tables
``dictionaries/spin-*-calibration.tsv``: the confidence the family reports, so that
corrections reported at 0.9 are right about 90% of the time on unseen articles of a known
spinner. The thesaurus's proposals, with the maps switched off, are calibrated on their
posterior.

Usage::

    python scripts/calibrate_spin.py [DIR] [-o dictionaries] [--bins 40]

Needs scikit-learn (``pip install -e '.[fit]'``). ``DIR`` defaults to
``../shared/data/spun-dev/bbc``. Deterministic.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

from restore import resources
from restore.fixes import spin
from restore.model import Correction
from scripts import mine_spin_maps
from scripts.calibration import fit_and_calibrate, isotonic, observations, write_table

DEFAULT_OUTPUT = Path(__file__).resolve().parents[1] / "dictionaries"
#: The kind fitted with the maps switched off: only then does the thesaurus read words.
NO_MAPS = "thesaurus"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", nargs="?", type=Path, default=mine_spin_maps.DEFAULT_PAIRS)
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--bins", type=int, default=40)
    args = parser.parse_args(argv)
    pairs = mine_spin_maps.find_pairs([args.directory], "odd")
    if not pairs:
        print(f"calibrate_spin: no pairs in {args.directory}", file=sys.stderr)
        return 1
    if importlib.util.find_spec("sklearn") is None:
        print("calibrate_spin: fitting the decision model needs scikit-learn: "
              "pip install -e '.[fit]'", file=sys.stderr)
        return 1
    with mine_spin_maps.half_mined(args.directory) as scratch:
        decisions, points = fit_and_calibrate(
            pairs, spin.decisions, spin.propose_uncalibrated, _kind, resources.SPIN_DECISION,
            spin.DECISION_FEATURES, resources.spin_decision, scratch, args.output,
            f"over {{}} proposals of maps mined from the even half on {len(pairs)} odd-half "
            f"pairs of {args.directory.name}; built by scripts/calibrate_spin.py")
    print(f"calibrate_spin: {resources.SPIN_DECISION[0]}: fitted on {decisions} proposals",
          file=sys.stderr)
    for kind, table_spec in resources.SPIN_CALIBRATIONS.items():
        if kind != NO_MAPS:
            write(args, table_spec, points.get(kind, []),
                  f"{len(pairs)} odd-half pairs of {args.directory.name}, maps mined from the "
                  "even half, each fifth scored by a decision model fitted on the others")
    with mine_spin_maps.without_maps():
        proposals = spin.propose_uncalibrated
        write(args, resources.SPIN_CALIBRATIONS[NO_MAPS], observations(pairs, lambda text: [
            c for c in proposals(text) if _kind(c) is None]),
            f"{len(pairs)} odd-half pairs of {args.directory.name}, maps switched off")
    return 0


def _kind(correction: Correction) -> str | None:
    """The kind of a proposal whose raw score is the decision model's (``None`` for the
    thesaurus's, scored by their posterior)."""
    kind = spin.calibration_kind(correction.rule, correction.original, correction.replacement)
    return None if kind == NO_MAPS else kind


def write(args: argparse.Namespace, table_spec: tuple[str, str, int],
          points: list[tuple[float, bool]], source: str) -> None:
    """Write the calibration table fitted on ``points`` from ``source``."""
    write_table(args.output, table_spec, isotonic(points, args.bins), "scripts/calibrate_spin.py",
                f"fitted on {len(points)} proposals over {source}; bins={args.bins}")
    print(f"calibrate_spin: {table_spec[0]}: from {len(points)} proposals", file=sys.stderr)


if __name__ == "__main__":
    raise SystemExit(main())
