"""Calibrate the spin family's confidence on articles its phrase maps have never seen.

Mines phrase maps from one half of the pairs (``scripts/mine_spin_maps.py --half even``),
runs the spin family with them on the other half, and scores each proposal alone against
the original (right when it brings the spun text closer: :class:`benchmarks.quality.Judge`).
An isotonic fit (:func:`scripts.calibration.isotonic`) of right against the family's raw
posterior, one for each kind of proposal (:func:`restore.fixes.spin.calibration_kind`),
gives the tables ``dictionaries/spin-*-calibration.tsv``: the confidence the family reports
for a raw posterior, so that corrections reported at 0.9 are right about 90% of the time
on unseen articles of a known spinner.

Usage::

    python scripts/calibrate_spin.py [DIR] [-o dictionaries] [--bins 40]

``DIR`` defaults to ``../shared/data/spun-dev/bbc``. Deterministic.
"""

from __future__ import annotations

import argparse
import functools
import sys
from pathlib import Path

from restore import resources
from restore.fixes import spin
from restore.model import Correction
from scripts import mine_spin_maps
from scripts.calibration import isotonic, observations, write_table

DEFAULT_OUTPUT = Path(__file__).resolve().parents[1] / "dictionaries"


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
    with mine_spin_maps.half_mined(args.directory):
        fit(pairs, [kind for kind in resources.SPIN_CALIBRATIONS if kind != NO_MAPS], args,
            "maps mined from the even half")
    with mine_spin_maps.without_maps():
        fit(pairs, [NO_MAPS], args, "maps switched off")
    return 0


#: The kind fitted with the maps switched off: only then does the thesaurus read words.
NO_MAPS = "thesaurus"


def fit(pairs: list[tuple[Path, Path]], kinds: list[str], args: argparse.Namespace,
        condition: str) -> None:
    """Fit and write the tables of ``kinds`` on the proposals of the spin family as its
    tables now stand."""
    proposals = functools.cache(spin.propose_uncalibrated)  # each article is read once
    for kind in kinds:
        def propose(text: str, kind: str = kind) -> list[Correction]:
            return [c for c in proposals(text)
                    if spin.calibration_kind(c.rule, c.original, c.replacement) == kind]

        points = observations(pairs, propose)
        table = isotonic(points, args.bins)
        table_spec = resources.SPIN_CALIBRATIONS[kind]
        write_table(args.output, table_spec, table, "scripts/calibrate_spin.py",
                    f"fitted on {len(points)} proposals over {len(pairs)} odd-half pairs of "
                    f"{args.directory.name}, {condition}; bins={args.bins}")
        print(f"calibrate_spin: {table_spec[0]}: {len(table)} steps from {len(points)} "
              "proposals", file=sys.stderr)


if __name__ == "__main__":
    raise SystemExit(main())
