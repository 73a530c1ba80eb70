"""Calibrate the spin family's confidence on articles its phrase maps have never seen.

Mines phrase maps from one half of the pairs (``scripts/mine_spin_maps.py --half even``),
runs the spin family with them on the other half, and scores each proposal alone against
the original (right when it brings the spun text closer). An isotonic fit (pool adjacent
violators over equal-count bins) of right against the family's raw posterior gives the
table ``dictionaries/spin-calibration.tsv``: the confidence the family reports for a raw
posterior, so that corrections reported at 0.9 are right about 90% of the time on unseen
articles of a known spinner.

Usage::

    python scripts/calibrate_spin.py [DIR] [-o dictionaries] [--bins 40]

``DIR`` defaults to ``../shared/data/spun-dev/bbc``. Deterministic.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from benchmarks.quality import is_right, tokens
from restore import resources
from restore.fixes import spin
from scripts import mine_spin_maps

DEFAULT_OUTPUT = Path(__file__).resolve().parents[1] / "dictionaries"


def observations(pairs: list[tuple[Path, Path]]) -> list[tuple[float, bool]]:
    """(raw posterior, right) for every proposal of the spin family on these pairs."""
    seen = []
    for spun_path, original_path in pairs:
        spun = spun_path.read_text(encoding="utf-8")
        reference = tokens(original_path.read_text(encoding="utf-8"))
        baseline = Levenshtein.distance(tokens(spun), reference)
        for correction in spin.propose_uncalibrated(spun):
            seen.append((correction.confidence, is_right(spun, correction, reference, baseline)))
    return seen


def isotonic(points: list[tuple[float, bool]], bins: int) -> list[tuple[float, float]]:
    """(upper raw bound, calibrated share right) per bin, non-decreasing in the share."""
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
        points = observations(pairs)
    table = isotonic(points, args.bins)
    write_table(args.output, table,
                f"fitted on {len(points)} proposals over {len(pairs)} odd-half pairs of "
                f"{args.directory.name}, maps mined from the even half; bins={args.bins}")
    print(f"calibrate_spin: {len(table)} steps from {len(points)} proposals", file=sys.stderr)
    return 0


def write_table(directory: Path, table: list[tuple[float, float]], source: str) -> None:
    name, file_format, version = resources.SPIN_CALIBRATION
    (directory / name).write_text("\n".join([
        f"# {file_format}\tv{version}",
        f"# source: {source}; built by scripts/calibrate_spin.py",
        "# a raw posterior up to raw_upper reports the confidence of its step",
        "raw_upper\tconfidence",
        *(f"{upper:.4f}\t{confidence:.4f}" for upper, confidence in table),
    ]) + "\n", encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
