"""Calibration tables for a family's confidence: an isotonic fit of right against raw posterior."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from benchmarks.quality import Judge
from restore.model import Correction

T = TypeVar("T")


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


def observations(pairs: list[tuple[Path, Path]],
                 propose: Callable[[str], list[Correction]]) -> list[tuple[float, bool]]:
    """(raw score, right) for every proposal of a family's uncalibrated ``propose`` on the
    pairs (:func:`judged`)."""
    return judged(pairs, lambda text: ((c, c.confidence) for c in propose(text)))


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
